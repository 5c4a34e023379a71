/**
 * What the report measures on a grown grid, and how it grows one: shared by the single-body report and the
 * per-body measures of a genome with several bodies.
 */
import type { Genome } from '../model/genome.ts';
import { measure, type Metrics } from '../model/metrics.ts';
import type { CellState } from '../model/state.ts';
import { padTarget, rgbaLoss } from '../model/target.ts';
import type { TrainingData } from './loop.ts';

export interface GrowthMeasure {
  loss: number;
  aliveCount: number;
  census: number[];
  /** census / aliveCount per expert. */
  typeShares: number[];
  /** Per expert, the share of alive cells that express it at 0.1 or more (first or second choice alike). */
  expressedShares: number[];
  silentShare: number;
  meanPotency: number;
  activeParamFraction: number;
}

export function summarise(genome: Genome, grid: CellState, target: Float32Array): GrowthMeasure {
  const m: Metrics = measure(genome, grid);
  const alive = Math.max(1, m.aliveCount);
  return {
    loss: rgbaLoss(grid, target),
    aliveCount: m.aliveCount,
    census: m.census,
    typeShares: m.census.map((c) => Number((c / alive).toFixed(4))),
    // Bin 0 of the histogram holds expression in [0, 0.1).
    expressedShares: m.expressionHistogram.map((bins) => Number(((m.aliveCount - bins[0]) / alive).toFixed(4))),
    silentShare: Number((m.silentCount / alive).toFixed(4)),
    meanPotency: m.meanPotency,
    activeParamFraction: m.activeParamFraction,
  };
}

/** A target of the run (centred on its W x H training grid) centred on another grid instead. */
export function recentre(
  data: TrainingData,
  padded: Float32Array,
  gridW: number,
  gridH: number,
  width: number,
  height: number,
): Float32Array {
  const tw = data.targetWidth,
    th = data.targetHeight;
  const left = Math.floor((gridW - tw) / 2),
    top = Math.floor((gridH - th) / 2);
  const image = new Float32Array(tw * th * 4);
  for (let y = 0; y < th; y++)
    image.set(padded.subarray(((top + y) * gridW + left) * 4, ((top + y) * gridW + left + tw) * 4), y * tw * 4);
  return padTarget(image, tw, th, width, height);
}
