/**
 * The tfjs step run on CellState grids, without gradients: what tests compare with the reference step and
 * what the bench and the report use to grow organisms fast. One call runs `steps` steps of every grid.
 */
import { expertCount, type Genome } from '../model/genome.ts';
import type { RegulationParams } from '../model/params.ts';
import type { Perturbation } from '../model/perturbation.ts';
import { ALPHA_CHANNEL, type CellState } from '../model/state.ts';
import { tf } from './backend.ts';
import { gridPerturbations, makeFireMasks, stepTf, tfWeights, type GridTensors } from './step.ts';
import { weightsFromGenome } from './weights.ts';
import { concatArrays } from './concat.ts';

/** tf.tidy for a function returning plain data. */
function tidyValue<R>(f: () => R): R {
  let out: R | undefined;
  tf.tidy(() => {
    out = f();
  });
  return out as R;
}

/**
 * Runs `steps` tfjs steps on same-sized grids (each with its own seed); returns new grids (step advanced).
 * `perturbations`, per grid, hold from the grids' current step for their `steps`.
 */
export function forwardTf(
  genome: Genome,
  params: RegulationParams,
  grids: CellState[],
  seeds: number[],
  steps = 1,
  denseAbove = 0.75,
  perturbations: (Perturbation | null)[] | null = null,
): CellState[] {
  const arch = genome.architecture;
  const { width, height } = grids[0];
  const K = expertCount(genome);
  const C = arch.channels;
  const N = grids.length * width * height;
  const startStep = grids[0].step;
  if (grids.some((g) => g.step !== startStep || g.width !== width || g.height !== height)) {
    throw new Error('forwardTf: every grid must have the same size and step counter');
  }
  return tidyValue(() => {
    const list = weightsFromGenome(genome);
    const w = tfWeights(
      arch,
      list.values.map((v, i) => tf.tensor(v, list.shapes[i])),
    );
    const painted = grids.some((g) => g.knockoutMask.some((m) => m !== 0) || g.forced.some((f) => f >= 0));
    const ctx = {
      arch,
      params,
      batch: grids.length,
      width,
      height,
      seeds,
      fire: makeFireMasks(seeds, width, height, params.fireRate),
      morphogens:
        arch.morphogens > 0
          ? tf.tensor2d(
              concatArrays(
                grids.map((g) => g.morphogens),
                (n) => new Float32Array(n),
              ),
              [N, arch.morphogens],
            )
          : null,
      knockoutMask: painted
        ? concatArrays(
            grids.map((g) => g.knockoutMask),
            (n) => new Uint16Array(n),
          )
        : null,
      forced: painted
        ? concatArrays(
            grids.map((g) => g.forced),
            (n) => new Int8Array(n),
          )
        : null,
      denseAbove,
      perturbations: perturbations && gridPerturbations(perturbations, width, height),
    };
    const state = concatArrays(
      grids.map((g) => g.state),
      (n) => new Float32Array(n),
    );
    const alpha = new Float32Array(N);
    for (let i = 0; i < N; i++) alpha[i] = state[i * C + ALPHA_CHANNEL];
    let t: GridTensors = {
      state: tf.tensor2d(state, [N, C]),
      marks: tf.tensor2d(
        concatArrays(
          grids.map((g) => g.marks),
          (n) => new Float32Array(n),
        ),
        [N, K],
      ),
      alpha,
    };
    for (let s = 0; s < steps; s++) {
      // The step index reads the fire hash; perturbations count their steps from the first step run here.
      const next = stepTf(w, ctx, t, startStep + s, undefined, s);
      // Forward only: free each step's intermediates as we go.
      const kept = { state: tf.keep(next.state), marks: tf.keep(next.marks), alpha: next.alpha };
      tf.dispose([t.state, t.marks]);
      t = kept;
    }
    const s = t.state.dataSync() as Float32Array;
    const m = t.marks.dataSync() as Float32Array;
    tf.dispose([t.state, t.marks]);
    const cells = width * height;
    return grids.map((g, b) => ({
      ...g,
      state: s.slice(b * cells * C, (b + 1) * cells * C),
      marks: m.slice(b * cells * K, (b + 1) * cells * K),
      expression: new Float32Array(cells * K),
      step: startStep + steps,
    }));
  });
}
