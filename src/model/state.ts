/**
 * The state of a grid: what each cell carries from one step to the next, plus the painted fields.
 * Arrays are cell-major: cell (x, y) owns [(y * width + x) * n, ... + n).
 */
import { LIMITS, expertCount, type Genome } from './genome.ts';
import { initialMorphogens } from './morphogen-fields.ts';

export interface CellState {
  width: number;
  height: number;
  channels: number;
  experts: number;
  morphogenCount: number;
  /** C per cell: premultiplied RGB, alpha, hidden channels. */
  state: Float32Array;
  /** K per cell: epigenetic marks q, sum 1 (uniform = pluripotent). */
  marks: Float32Array;
  /** K per cell: the expression e the cell used in the last step (zero for dead cells). */
  expression: Float32Array;
  /** M per cell: painted morphogen fields. */
  morphogens: Float32Array;
  /** One bit per expert: painted knockouts. */
  knockoutMask: Uint16Array;
  /** Forced expert per cell, -1 = none. */
  forced: Int8Array;
  /** Clone label per cell, 0 = none, 1..MAX_CLONE (lineage tracing, clones.ts); never read by the step's maths. */
  clones: Uint8Array;
  /** Steps taken so far: the counter of the random streams. */
  step: number;
}

/**
 * Alpha above this in a 3x3 neighbourhood keeps a cell alive. Rounded to float32, as the GPU holds it, so
 * that a stored alpha of exactly 0.1 is dead in every implementation.
 */
export const ALIVE_THRESHOLD = Math.fround(0.1);
export const ALPHA_CHANNEL = 3;

export function checkGridSize(width: number, height: number, context = 'grid'): void {
  for (const [field, value] of [
    ['width', width],
    ['height', height],
  ] as const) {
    if (!Number.isInteger(value) || value < 3 || value > LIMITS.maxGridSide) {
      throw new Error(`${context}: field ${field}: expected an integer in [3, ${LIMITS.maxGridSide}], got ${value}`);
    }
  }
}

/** An empty grid (no cells) shaped for `genome`. */
export function createEmptyState(genome: Genome, width: number, height: number): CellState {
  checkGridSize(width, height);
  const cells = width * height;
  const { channels, morphogens } = genome.architecture;
  const experts = expertCount(genome);
  const marks = new Float32Array(cells * experts).fill(1 / experts);
  return {
    width,
    height,
    channels,
    experts,
    morphogenCount: morphogens,
    state: new Float32Array(cells * channels),
    marks,
    expression: new Float32Array(cells * experts),
    morphogens: new Float32Array(cells * morphogens),
    knockoutMask: new Uint16Array(cells),
    forced: new Int8Array(cells).fill(-1),
    clones: new Uint8Array(cells),
    step: 0,
  };
}

/** Sets cell (x, y) to a seed: alpha and hidden channels 1, colour 0, marks uniform (Growing-NCA's seed). */
export function writeSeedCell(grid: CellState, x: number, y: number): void {
  const cell = y * grid.width + x;
  const base = cell * grid.channels;
  for (let c = 0; c < grid.channels; c++) grid.state[base + c] = c >= ALPHA_CHANNEL ? 1 : 0;
  grid.marks.fill(1 / grid.experts, cell * grid.experts, (cell + 1) * grid.experts);
}

/**
 * The usual start: one seed cell at the centre (floor(W/2), floor(H/2)), and the morphogen fields the
 * genome was trained with painted (see morphogen-fields.ts; none for most genomes), its environment
 * field, if it has one, at `environment`.
 */
export function createSeededState(genome: Genome, width: number, height: number, environment = 0): CellState {
  const grid = createEmptyState(genome, width, height);
  const fields = initialMorphogens(genome, width, height, environment);
  if (fields) grid.morphogens.set(fields);
  writeSeedCell(grid, Math.floor(width / 2), Math.floor(height / 2));
  return grid;
}

export function cloneState(grid: CellState): CellState {
  return {
    ...grid,
    state: grid.state.slice(),
    marks: grid.marks.slice(),
    expression: grid.expression.slice(),
    morphogens: grid.morphogens.slice(),
    knockoutMask: grid.knockoutMask.slice(),
    forced: grid.forced.slice(),
    clones: grid.clones.slice(),
  };
}

/** 1 where the 3x3 (wrapped) maximum of alpha exceeds ALIVE_THRESHOLD. */
export function aliveMask(state: Float32Array, width: number, height: number, channels: number): Uint8Array {
  const mask = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      let alive = 0;
      for (let dy = -1; dy <= 1 && !alive; dy++) {
        const ny = (y + dy + height) % height;
        for (let dx = -1; dx <= 1; dx++) {
          const nx = (x + dx + width) % width;
          if (state[(ny * width + nx) * channels + ALPHA_CHANNEL] > ALIVE_THRESHOLD) {
            alive = 1;
            break;
          }
        }
      }
      mask[y * width + x] = alive;
    }
  }
  return mask;
}
