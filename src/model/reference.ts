/**
 * The reference step: the definition of one simulation step (docs/DESIGN.md, "One step"). Plain float32
 * TypeScript, readable and slow; the GLSL kernels and the tfjs trainer are tested against it.
 */
import { expertCount, gateInputSize, perceptionSize, type Genome } from './genome.ts';
import { propagateClones } from './clones.ts';
import { FIRE_STREAM, hashNormal, hashUniform } from './hash.ts';
import type { RegulationParams } from './params.ts';
import { denseForward } from './dense.ts';
import { perceiveCell } from './perception.ts';
import { expressionFromMarks, softmaxInPlace } from './regulation.ts';
import { aliveMask, cloneState, createSeededState, type CellState } from './state.ts';

export interface StepStats {
  /** Cells that ran the network (alive before the update). */
  cellsEvaluated: number;
  /** How many cells evaluated each expert: the work sparse expression saves is what is missing here. */
  expertEvaluations: number[];
  /** Cells that applied their update (fired). */
  cellsFired: number;
}

export interface StepResult {
  grid: CellState;
  stats: StepStats;
}

/** Whether cell (x, y) applies its update at `step`: the fire mask the GLSL pass reproduces. */
export function fires(x: number, y: number, step: number, seed: number, fireRate: number): boolean {
  // fireRate rounded to float32 as a GLSL uniform is, so both sides compare the same numbers.
  return hashUniform(x, y, step, seed, FIRE_STREAM) < Math.fround(fireRate);
}

/** Global knockouts as a bitmask, to OR with each cell's painted mask. */
export function knockoutBits(knockouts: readonly number[]): number {
  return knockouts.reduce((bits, k) => bits | (1 << k), 0);
}

/** One step of every cell, reading `grid` (time t) and returning time t + 1. `grid` is not modified. */
export function referenceStep(genome: Genome, params: RegulationParams, grid: CellState, seed: number): StepResult {
  const { width, height, channels } = grid;
  const arch = genome.architecture;
  const experts = expertCount(genome);
  const perception = perceptionSize(arch);
  const next = cloneState(grid);
  const globalKnockouts = knockoutBits(params.knockouts);
  const stats: StepStats = { cellsEvaluated: 0, expertEvaluations: new Array(experts).fill(0), cellsFired: 0 };

  const preAlive = aliveMask(grid.state, width, height, channels);
  const gateInput = new Float32Array(gateInputSize(arch));
  const p = gateInput.subarray(0, perception);
  const gateHidden = new Float32Array(arch.gateHidden ?? 0);
  const logits = new Float32Array(experts);
  const newMarks = new Float32Array(experts);
  const expression = new Float32Array(experts);
  const hidden = new Float32Array(Math.max(...arch.expertHidden));
  const delta = new Float32Array(channels);
  const ds = new Float32Array(channels);

  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const cell = y * width + x;
      const markBase = cell * experts;
      const stateBase = cell * channels;
      next.expression.fill(0, markBase, markBase + experts);
      if (!preAlive[cell]) continue; // masked to zero below whatever it computes
      stats.cellsEvaluated++;

      // 1. Perception.
      perceiveCell(grid.state, width, height, channels, arch.perception, x, y, p);

      // 2-4. Gate, noise, softmax, marks.
      const oldMarks = grid.marks.subarray(markBase, markBase + experts);
      if (genome.gate) {
        gateInput.set(oldMarks, perception);
        for (let m = 0; m < arch.morphogens; m++) {
          gateInput[perception + experts + m] = params.morphogenGain * grid.morphogens[cell * arch.morphogens + m];
        }
        const [first, second] = genome.gate.layers;
        if (second) {
          denseForward(first, gateInput, gateHidden, true);
          denseForward(second, gateHidden, logits, false);
        } else {
          denseForward(first, gateInput, logits, false);
        }
        if (params.noise > 0) {
          for (let k = 0; k < experts; k++) logits[k] += params.noise * hashNormal(x, y, grid.step, seed, k);
        }
        softmaxInPlace(logits, params.temperature);
      } else {
        logits.fill(1 / experts); // no gate: every expert preferred equally (K = 1: always the one)
      }
      for (let k = 0; k < experts; k++) {
        newMarks[k] = (1 - params.plasticity) * oldMarks[k] + params.plasticity * logits[k];
      }

      // 5. Expression.
      expressionFromMarks(
        newMarks,
        {
          topK: params.topK,
          threshold: params.threshold,
          knockoutBits: globalKnockouts | grid.knockoutMask[cell],
          forced: grid.forced[cell],
        },
        expression,
      );
      next.expression.set(expression, markBase);

      // 6. Update from the expressed experts only.
      ds.fill(0);
      for (let k = 0; k < experts; k++) {
        const weight = expression[k];
        if (weight === 0) continue;
        stats.expertEvaluations[k]++;
        const expert = genome.experts[k];
        const h = hidden.subarray(0, expert.hidden.outputs);
        denseForward(expert.hidden, p, h, true);
        denseForward(expert.out, h, delta, false);
        for (let c = 0; c < channels; c++) ds[c] += weight * delta[c];
      }

      // 7. Stochastic fire: an unfired cell keeps its state and its marks.
      if (fires(x, y, grid.step, seed, params.fireRate)) {
        stats.cellsFired++;
        for (let c = 0; c < channels; c++) next.state[stateBase + c] = grid.state[stateBase + c] + ds[c];
        next.marks.set(newMarks, markBase);
      }
    }
  }

  // 8. Alive masking: alive before and after; the dead hold zero state and uniform marks.
  const postAlive = aliveMask(next.state, width, height, channels);
  for (let cell = 0; cell < width * height; cell++) {
    if (preAlive[cell] && postAlive[cell]) continue;
    next.state.fill(0, cell * channels, (cell + 1) * channels);
    next.marks.fill(1 / experts, cell * experts, (cell + 1) * experts);
    next.expression.fill(0, cell * experts, (cell + 1) * experts);
  }
  // 9. Lineage: clone labels follow the living cells (clones.ts); nothing above reads them.
  next.clones = propagateClones(grid, next);
  next.step = grid.step + 1;
  return { grid: next, stats };
}

/** Runs `steps` reference steps. */
export function runReference(
  genome: Genome,
  params: RegulationParams,
  grid: CellState,
  seed: number,
  steps: number,
): CellState {
  let current = grid;
  for (let i = 0; i < steps; i++) current = referenceStep(genome, params, current, seed).grid;
  return current;
}

/** A `width` x `height` grid grown `steps` reference steps from one seed cell in `environment`. */
export function growFromSeed(
  genome: Genome,
  params: RegulationParams,
  size: { width: number; height: number },
  environment: number,
  seed: number,
  steps: number,
): CellState {
  return runReference(genome, params, createSeededState(genome, size.width, size.height, environment), seed, steps);
}
