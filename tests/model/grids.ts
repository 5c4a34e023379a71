/** Test grids: states with many living cells, random but seeded. */
import type { Genome } from '../../src/model/genome.ts';
import { seededRandom } from '../../src/model/random-genome.ts';
import { createEmptyState, type CellState } from '../../src/model/state.ts';

/**
 * A grid whose cells inside a block (x0..x1, y0..y1, may wrap past the edges) hold random channels with
 * alpha in [0.2, 1] and random marks summing to 1; all else empty.
 */
export function randomLivingState(
  genome: Genome,
  width: number,
  height: number,
  seed: number,
  block = { x0: 2, y0: 2, x1: width - 3, y1: height - 3 },
): CellState {
  const grid = createEmptyState(genome, width, height);
  const random = seededRandom(seed);
  for (let y = block.y0; y <= block.y1; y++) {
    for (let x = block.x0; x <= block.x1; x++) {
      const cell = ((y + height) % height) * width + ((x + width) % width);
      for (let c = 0; c < grid.channels; c++) {
        grid.state[cell * grid.channels + c] = c === 3 ? 0.2 + 0.8 * random() : random() * 2 - 1;
      }
      let sum = 0;
      for (let k = 0; k < grid.experts; k++) sum += grid.marks[cell * grid.experts + k] = 0.05 + random();
      for (let k = 0; k < grid.experts; k++) grid.marks[cell * grid.experts + k] /= sum;
    }
  }
  return grid;
}

/** The grid shifted by (dx, dy) on the torus: what was at (x, y) is at (x + dx, y + dy). */
export function rollGrid(grid: CellState, dx: number, dy: number): CellState {
  const { width, height } = grid;
  const roll = (source: ArrayLike<number>, target: { [i: number]: number }, n: number) => {
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) {
        const from = y * width + x;
        const to = ((y + dy + height) % height) * width + ((x + dx + width) % width);
        for (let i = 0; i < n; i++) target[to * n + i] = source[from * n + i];
      }
    }
  };
  const out = {
    ...grid,
    state: new Float32Array(grid.state.length),
    marks: new Float32Array(grid.marks.length),
    expression: new Float32Array(grid.expression.length),
    morphogens: new Float32Array(grid.morphogens.length),
    knockoutMask: new Uint16Array(grid.knockoutMask.length),
    forced: new Int8Array(grid.forced.length),
    clones: new Uint8Array(grid.clones.length),
  };
  roll(grid.state, out.state, grid.channels);
  roll(grid.marks, out.marks, grid.experts);
  roll(grid.expression, out.expression, grid.experts);
  roll(grid.morphogens, out.morphogens, grid.morphogenCount);
  roll(grid.knockoutMask, out.knockoutMask, 1);
  roll(grid.forced, out.forced, 1);
  roll(grid.clones, out.clones, 1);
  return out;
}
