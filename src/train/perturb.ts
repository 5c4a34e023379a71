/**
 * The app's perturbations drawn for training (src/model/perturbation.ts): each iteration, `grids` grids of
 * the batch run their rollout under a random knockout, forced disc, or top-k and temperature, held for a
 * random share of the rollout and then lifted. The loss at the rollout's end then asks the genome to keep
 * its shape while perturbed and to regain it after, as Growing-NCA's damage asks it to regrow. Every draw
 * comes from the loop's Rng, so a resumed run draws the same perturbations.
 *
 * A knockout or a forced disc spares the experts the grid's body is taught to leave silent (config
 * `bodies[].silent`): forcing a dormant circuit is the experiment that shows what it does (the report's
 * dormant trials, the app's Force brush), not a wound the body should learn to heal. With none named, every
 * expert can be drawn, and the draws are those of a run without bodies.
 */
import type { Perturbation, PerturbationKind } from '../model/perturbation.ts';
import type { Rng } from '../model/rng.ts';

export interface PerturbConfig {
  /** Grids of each batch perturbed: the best ones that are neither reseeded nor damaged. */
  grids: number;
  kinds: PerturbationKind[];
  /** Share of the rollout's steps the perturbation holds: [min, max]. */
  hold: [number, number];
  /** Radius of a forced disc in cells: [min, max]. */
  forceRadius: [number, number];
  /** Top-k drawn from [min, max] (capped at the expert count). */
  topK: [number, number];
  /** Temperature drawn log-uniformly from [min, max]. */
  temperature: [number, number];
}

export interface PerturbContext {
  experts: number;
  /** The experts a knockout or forced disc may take (the grid's body's, less its silent ones); all by default. */
  drawable?: readonly number[];
  steps: number;
  width: number;
  height: number;
  targetWidth: number;
  targetHeight: number;
}

/** One perturbation, drawn from `config`: a kind, then its values. */
export function drawPerturbation(config: PerturbConfig, rng: Rng, c: PerturbContext): Perturbation {
  const kind = config.kinds[rng.int(0, config.kinds.length - 1)];
  const [holdMin, holdMax] = config.hold;
  const steps = Math.max(1, Math.round(c.steps * (holdMin + rng.next() * (holdMax - holdMin))));
  const drawExpert = () => (c.drawable ? c.drawable[rng.int(0, c.drawable.length - 1)] : rng.int(0, c.experts - 1));
  if (kind === 'knockout') return { kind, expert: drawExpert(), steps };
  if (kind === 'force') {
    const x = Math.floor(c.width / 2) + Math.round((rng.next() - 0.5) * c.targetWidth);
    const y = Math.floor(c.height / 2) + Math.round((rng.next() - 0.5) * c.targetHeight);
    const [rMin, rMax] = config.forceRadius;
    const radius = Math.round(rMin + rng.next() * (rMax - rMin));
    return { kind, expert: drawExpert(), disc: { x, y, radius }, steps };
  }
  const topK = rng.int(Math.min(config.topK[0], c.experts), Math.min(config.topK[1], c.experts));
  const [tMin, tMax] = config.temperature;
  const temperature = Math.exp(Math.log(tMin) + rng.next() * (Math.log(tMax) - Math.log(tMin)));
  return { kind, topK, temperature: Number(temperature.toFixed(3)), steps };
}

/**
 * Per position of a batch (worst first; position 0 reseeded, `damaged` the positions damaged): the
 * perturbation of the `grids` best of the others, null for the rest. `drawableAt(i)`: the experts position
 * i's may take.
 */
export function drawBatchPerturbations(
  config: PerturbConfig,
  rng: Rng,
  batch: number,
  damaged: readonly number[],
  c: PerturbContext,
  drawableAt: (slot: number) => readonly number[] | undefined = () => undefined,
): (Perturbation | null)[] {
  const out: (Perturbation | null)[] = new Array(batch).fill(null);
  const intact = Array.from({ length: batch - 1 }, (_, i) => i + 1).filter((i) => !damaged.includes(i));
  for (let i = 0; i < config.grids && i < intact.length; i++) {
    const position = intact[intact.length - 1 - i];
    out[position] = drawPerturbation(config, rng, { ...c, drawable: drawableAt(position) });
  }
  return out;
}

/** Per body, the experts its perturbations may take: all but its silent ones (undefined where it has none). */
export function drawableExperts(experts: number, silent: readonly (readonly number[])[]): (number[] | undefined)[] {
  return silent.map((quiet) =>
    quiet.length === 0 ? undefined : Array.from({ length: experts }, (_, k) => k).filter((k) => !quiet.includes(k)),
  );
}
