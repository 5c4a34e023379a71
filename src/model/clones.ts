/**
 * Lineage tracing: every cell carries a clone label (0 = none, 1..MAX_CLONE). A cell that comes alive takes
 * the label of its living neighbour of largest alpha (ties to the first in NEIGHBOUR_ORDER); a cell that
 * dies loses its label; a cell that lives on keeps it. "Living" is the visible organism's definition:
 * own alpha above ALIVE_THRESHOLD (metrics.ts). Labels never feed back into the dynamics. This file is
 * the definition; kernels/clones.glsl is tested against it.
 */
import type { Disc } from './brushes.ts';
import { discCells } from './brushes.ts';
import { cellType, isAliveCell } from './metrics.ts';
import { potency } from './regulation.ts';
import { ALIVE_THRESHOLD, ALPHA_CHANNEL, type CellState } from './state.ts';

export const MAX_CLONE = 15;

/** The eight neighbours in the order that breaks ties: row by row from the top left, as the GLSL loops. */
export const NEIGHBOUR_ORDER: readonly (readonly [number, number])[] = [
  [-1, -1],
  [0, -1],
  [1, -1],
  [-1, 0],
  [1, 0],
  [-1, 1],
  [0, 1],
  [1, 1],
];

export function checkCloneLabel(label: number, context: string): void {
  if (!Number.isInteger(label) || label < 1 || label > MAX_CLONE) {
    throw new Error(`${context}: field label: expected an integer in [1, ${MAX_CLONE}], got ${label}`);
  }
}

/** The labels at t + 1, from the grid at t (states and labels) and the states at t + 1. */
export function propagateClones(before: CellState, after: CellState): Uint8Array {
  const { width, height, channels } = before;
  const alpha = (grid: CellState, cell: number) => grid.state[cell * channels + ALPHA_CHANNEL];
  const labels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const cell = y * width + x;
      if (!(alpha(after, cell) > ALIVE_THRESHOLD)) continue; // dead: no label
      if (alpha(before, cell) > ALIVE_THRESHOLD) {
        labels[cell] = before.clones[cell];
        continue;
      }
      let best = ALIVE_THRESHOLD; // only living neighbours count
      for (const [dx, dy] of NEIGHBOUR_ORDER) {
        const neighbour = ((y + dy + height) % height) * width + ((x + dx + width) % width);
        const a = alpha(before, neighbour);
        if (a > best) {
          best = a;
          labels[cell] = before.clones[neighbour];
        }
      }
    }
  }
  return labels;
}

/** The "Mark clone" brush: the living cells under the disc join clone `label`. */
export function markClone(grid: CellState, disc: Disc, label: number): CellState {
  checkCloneLabel(label, 'clone brush');
  const clones = grid.clones.slice();
  for (const cell of discCells(grid, disc)) if (isAliveCell(grid, cell)) clones[cell] = label;
  return { ...grid, clones };
}

/** What a clone is at one moment: its size, the types of its cells and how committed they are. */
export interface CloneFate {
  label: number;
  /** Living cells of the clone. */
  count: number;
  /** Living cells of the clone per cell type (dominant expert of the last expression), by expert index. */
  census: number[];
  /** Living cells of the clone that expressed nothing. */
  silent: number;
  /** Mean potency of its living cells (0 for an empty clone). */
  meanPotency: number;
}

/** One entry per label 1..MAX_CLONE that has at least one living cell, in label order. */
export function cloneFates(grid: CellState): CloneFate[] {
  const fates = new Map<number, CloneFate & { potencySum: number }>();
  for (let cell = 0; cell < grid.width * grid.height; cell++) {
    const label = grid.clones[cell];
    if (label === 0 || !isAliveCell(grid, cell)) continue;
    let fate = fates.get(label);
    if (!fate) {
      fate = {
        label,
        count: 0,
        census: new Array<number>(grid.experts).fill(0),
        silent: 0,
        meanPotency: 0,
        potencySum: 0,
      };
      fates.set(label, fate);
    }
    fate.count++;
    const type = cellType(grid, cell);
    if (type < 0) fate.silent++;
    else fate.census[type]++;
    fate.potencySum += potency(grid.marks, cell * grid.experts, grid.experts);
  }
  return [...fates.values()]
    .sort((a, b) => a.label - b.label)
    .map(({ potencySum, ...fate }) => ({ ...fate, meanPotency: potencySum / fate.count }));
}
