/**
 * Regulation sweeps: one genome grown under every combination of chosen values of its regulation
 * parameters (and global knockouts), to map what each parameter does across its range. Pure: the axes, their
 * combinations, the parameters of one combination, and one growth measured; src/cli/sweep.ts runs them on
 * worker threads and writes the contact sheet and the table.
 */
import type { Genome } from './genome.ts';
import { measure } from './metrics.ts';
import { resolveParams, type ParameterName, type RegulationParams } from './params.ts';
import { runReference } from './reference.ts';
import type { CellState } from './state.ts';
import { rgbaLoss } from './target.ts';

/**
 * A varied quantity: a regulation parameter, `knockout` (one expert silenced everywhere, or none), or
 * `environment` (the environment signal the grid starts in, for a genome that reads one).
 */
export interface Axis {
  /** What the user typed: `top-k`, `temperature`, `knockout`, `environment`. */
  label: string;
  parameter: ParameterName | 'knockout' | 'environment';
  /** Parameter values; for knockout an expert index, or null for none. */
  values: (number | null)[];
}

/** One combination: an index per axis. */
export type Combination = number[];

/** Every combination, the last axis varying fastest. */
export function combinations(axes: readonly Axis[]): Combination[] {
  let out: Combination[] = [[]];
  for (const axis of axes) out = out.flatMap((prefix) => axis.values.map((_, i) => [...prefix, i]));
  return out;
}

/** `top-k=2`, `knockout=none`: how a value is shown in labels and tables. */
export function valueLabel(axis: Axis, index: number): string {
  const value = axis.values[index];
  return `${axis.label}=${value === null ? 'none' : value}`;
}

/** The genome's regulation with this combination's values; a knockout axis replaces the global knockouts. */
export function combinationParams(
  genome: Genome,
  experts: number,
  axes: readonly Axis[],
  combination: Combination,
): RegulationParams {
  const overrides: Record<string, unknown> = { ...genome.regulation };
  axes.forEach((axis, a) => {
    const value = axis.values[combination[a]];
    if (axis.parameter === 'knockout') overrides.knockouts = value === null ? [] : [value];
    else if (axis.parameter !== 'environment') overrides[axis.parameter] = value;
  });
  return resolveParams(overrides, experts, 'sweep');
}

/** This combination's environment signal, or null when no axis varies it. */
export function combinationEnvironment(axes: readonly Axis[], combination: Combination): number | null {
  const a = axes.findIndex((axis) => axis.parameter === 'environment');
  return a < 0 ? null : axes[a].values[combination[a]];
}

export interface GrowthSummary {
  aliveCount: number;
  /** Alive cells per dominant expert over alive cells. */
  typeShares: number[];
  meanPotency: number;
  activeParamFraction: number;
  /** Against the target, when one is given. */
  loss: number | null;
}

/** Runs `steps` reference steps from `start` and measures the end. */
export function growAndMeasure(
  genome: Genome,
  params: RegulationParams,
  start: CellState,
  seed: number,
  steps: number,
  target: Float32Array | null,
): { grid: CellState; summary: GrowthSummary } {
  const grid = runReference(genome, params, start, seed, steps);
  const m = measure(genome, grid);
  return {
    grid,
    summary: {
      aliveCount: m.aliveCount,
      typeShares: m.census.map((c) => (m.aliveCount ? c / m.aliveCount : 0)),
      meanPotency: m.meanPotency,
      activeParamFraction: m.activeParamFraction,
      loss: target ? rgbaLoss(grid, target) : null,
    },
  };
}
