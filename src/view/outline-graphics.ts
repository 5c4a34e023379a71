/**
 * Outline runs drawn as thin filled rectangles along the grid lines, in cell units: filled rectangles stay
 * crisp at any zoom and meet at the corners without joins. A band is measured inward from the grid line
 * (negative: outward), so a clone's outline lies inside its own cells and two neighbouring clones show both
 * colours side by side.
 */
import type { Graphics } from 'pixi.js';
import type { OutlineRun } from './outline-edges.ts';

/** Adds the band [from, to] (cells, inward from each run's grid line) of every run to `g`'s current path. */
export function addBands(
  g: Graphics,
  runs: readonly OutlineRun[],
  from: number,
  to: number,
  dash: readonly [number, number] | null = null,
): void {
  for (const run of runs) {
    const length = Math.abs(run.x1 - run.x0) + Math.abs(run.y1 - run.y0);
    const period = dash ? dash[0] + dash[1] : length;
    for (let t = 0; t < length; t += period) {
      const end = Math.min(length, t + (dash ? dash[0] : length));
      if (run.nx !== 0) {
        const [a, b] = [run.x0 + run.nx * from, run.x0 + run.nx * to];
        g.rect(Math.min(a, b), run.y0 + t, Math.abs(b - a), end - t);
      } else {
        const [a, b] = [run.y0 + run.ny * from, run.y0 + run.ny * to];
        g.rect(run.x0 + t, Math.min(a, b), end - t, Math.abs(b - a));
      }
    }
  }
}

/** A square frame of width `w` just outside cell (x, y): four rectangles, corners included. */
export function addCellFrame(g: Graphics, x: number, y: number, w: number): void {
  g.rect(x - w, y - w, 1 + 2 * w, w)
    .rect(x - w, y + 1, 1 + 2 * w, w)
    .rect(x - w, y, w, 1)
    .rect(x + 1, y, w, 1);
}
