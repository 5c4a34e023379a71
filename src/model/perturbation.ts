/**
 * Perturbations: what the app lets a user do to a living organism for a while and then lift, as one value
 * that the trainer applies during a rollout (so that genomes learn to hold and regain their shape) and the
 * perturbation experiments apply with the reference step (so that reports measure it).
 *
 * - knockout: one expert silenced everywhere (the knockout switch);
 * - force: one expert forced in a disc (the Force brush);
 * - regulation: top-k and temperature set to other values (the parameter panel).
 *
 * Each holds for the first `steps` steps from when it is applied, then is lifted.
 */
import { discCells, forceRegion, type Disc } from './brushes.ts';
import type { Genome } from './genome.ts';
import type { RegulationParams } from './params.ts';
import { referenceStep } from './reference.ts';
import type { CellState } from './state.ts';

export type Perturbation =
  | { kind: 'knockout'; expert: number; steps: number }
  | { kind: 'force'; expert: number; disc: Disc; steps: number }
  | { kind: 'regulation'; topK: number; temperature: number; steps: number };

export const PERTURBATION_KINDS = ['knockout', 'force', 'regulation'] as const;
export type PerturbationKind = (typeof PERTURBATION_KINDS)[number];

/** The regulation a grid runs with while `p` holds (knockouts add to the ones already set). */
export function perturbedParams(params: RegulationParams, p: Perturbation | null): RegulationParams {
  if (!p) return params;
  if (p.kind === 'knockout')
    return { ...params, knockouts: [...new Set([...params.knockouts, p.expert])].sort((a, b) => a - b) };
  if (p.kind === 'regulation') return { ...params, topK: p.topK, temperature: p.temperature };
  return params;
}

/** Per cell of a W x H grid: the expert a force perturbation forces there, else -1. */
export function forcedCells(p: Perturbation | null, width: number, height: number): Int8Array {
  const forced = new Int8Array(width * height).fill(-1);
  if (p?.kind === 'force') for (const cell of discCells({ width, height }, p.disc)) forced[cell] = p.expert;
  return forced;
}

/** A short label for tables: "knockout 2", "force 1 r6", "top-k 1 T0.5". */
export function describePerturbation(p: Perturbation): string {
  if (p.kind === 'knockout') return `knockout ${p.expert}, ${p.steps} steps`;
  if (p.kind === 'force') return `force ${p.expert} r${p.disc.radius}, ${p.steps} steps`;
  return `top-k ${p.topK} T${p.temperature}, ${p.steps} steps`;
}

/**
 * `steps` reference steps with `p` holding for its first p.steps (a force is painted on the grid, then
 * cleared from its disc when lifted), calling `each` with every new grid and its step number from 1.
 */
export function runPerturbed(
  genome: Genome,
  params: RegulationParams,
  grid: CellState,
  seed: number,
  steps: number,
  p: Perturbation | null,
  each?: (grid: CellState, step: number) => void,
): CellState {
  let g = p?.kind === 'force' ? forceRegion(grid, p.disc, p.expert) : grid;
  const held = perturbedParams(params, p);
  for (let s = 0; s < steps; s++) {
    if (p?.kind === 'force' && s === p.steps) g = forceRegion(g, p.disc, null);
    g = referenceStep(genome, p && s < p.steps ? held : params, g, seed).grid;
    each?.(g, s + 1);
  }
  return g;
}
