/**
 * What a user measures on a grid: how many cells live, which types they are, how committed they are, and
 * what fraction of the genome they transcribe. Pure functions of the genome and a state.
 */
import { expertParameterCount, gateParameterCount, genomeParameterCount, type Genome } from './genome.ts';
import { potency } from './regulation.ts';
import { ALIVE_THRESHOLD, ALPHA_CHANNEL, type CellState } from './state.ts';

/** Bins of the expression histogram over [0, 1]. */
export const EXPRESSION_BINS = 10;

export interface Metrics {
  step: number;
  /**
   * Cells whose own alpha exceeds 0.1: the visible organism. Every statistic below is over these cells.
   * (The step's alive mask also keeps their one-cell border, which has not run yet and carries no type.)
   */
  aliveCount: number;
  /** Alive cells per cell type (dominant expert of the last expression), by expert index. */
  census: number[];
  /** Alive cells that expressed nothing last step (every expert knocked out, or a fresh seed). */
  silentCount: number;
  /** Mean normalised entropy of the marks over alive cells (0 with no alive cell). */
  meanPotency: number;
  /** Parameters evaluated per alive cell per step over all genome parameters (0 with no alive cell). */
  activeParamFraction: number;
  /** Per expert, alive cells whose expression of that expert falls in each of EXPRESSION_BINS bins. */
  expressionHistogram: number[][];
  /** Alive cells by how many experts they expressed (index 0 .. K). */
  expressedCountHistogram: number[];
}

/** The dominant expert of cell `cell` (ties to the lower index), or -1 if it expressed nothing. */
export function cellType(grid: CellState, cell: number): number {
  let best = -1;
  let bestValue = 0;
  for (let k = 0; k < grid.experts; k++) {
    const e = grid.expression[cell * grid.experts + k];
    if (e > bestValue) {
      best = k;
      bestValue = e;
    }
  }
  return best;
}

export function isAliveCell(grid: CellState, cell: number): boolean {
  return grid.state[cell * grid.channels + ALPHA_CHANNEL] > ALIVE_THRESHOLD;
}

export function measure(genome: Genome, grid: CellState): Metrics {
  const { experts } = grid;
  const census = new Array<number>(experts).fill(0);
  const histogram = Array.from({ length: experts }, () => new Array<number>(EXPRESSION_BINS).fill(0));
  const expressedCount = new Array<number>(experts + 1).fill(0);
  const gateParams = gateParameterCount(genome.gate);
  const expertParams = genome.experts.map(expertParameterCount);
  let aliveCount = 0,
    silentCount = 0,
    potencySum = 0,
    activeParams = 0;

  for (let cell = 0; cell < grid.width * grid.height; cell++) {
    if (!isAliveCell(grid, cell)) continue;
    aliveCount++;
    const type = cellType(grid, cell);
    if (type < 0) silentCount++;
    else census[type]++;
    potencySum += potency(grid.marks, cell * experts, experts);
    let expressed = 0;
    activeParams += gateParams;
    for (let k = 0; k < experts; k++) {
      const e = grid.expression[cell * experts + k];
      histogram[k][Math.min(EXPRESSION_BINS - 1, Math.floor(e * EXPRESSION_BINS))]++;
      if (e > 0) {
        expressed++;
        activeParams += expertParams[k];
      }
    }
    expressedCount[expressed]++;
  }

  return {
    step: grid.step,
    aliveCount,
    census,
    silentCount,
    meanPotency: aliveCount ? potencySum / aliveCount : 0,
    activeParamFraction: aliveCount ? activeParams / aliveCount / genomeParameterCount(genome) : 0,
    expressionHistogram: histogram,
    expressedCountHistogram: expressedCount,
  };
}
