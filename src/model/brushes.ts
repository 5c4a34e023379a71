/**
 * Brushes: what a user does to a living grid with the mouse. Each is a pure function of the state and a
 * disc (centre and radius in cells, wrapping around the torus like the grid itself) and returns a new state.
 */
import { isAliveCell } from './metrics.ts';
import { cloneState, writeSeedCell, type CellState } from './state.ts';

export interface Disc {
  x: number;
  y: number;
  /** Cells whose centre lies within this distance of (x, y) are painted; 0 paints the one cell. */
  radius: number;
}

/** Every cell index under the disc, each once, with wrapped coordinates. */
export function discCells(grid: Pick<CellState, 'width' | 'height'>, disc: Disc): number[] {
  const cells = new Set<number>();
  const r = Math.max(0, disc.radius);
  const cx = Math.round(disc.x),
    cy = Math.round(disc.y);
  const span = Math.ceil(r);
  for (let dy = -span; dy <= span; dy++) {
    for (let dx = -span; dx <= span; dx++) {
      if (dx * dx + dy * dy > r * r) continue;
      const x = (((cx + dx) % grid.width) + grid.width) % grid.width;
      const y = (((cy + dy) % grid.height) + grid.height) % grid.height;
      cells.add(y * grid.width + x);
    }
  }
  return [...cells];
}

function paint(grid: CellState, disc: Disc, paintCell: (next: CellState, cell: number) => void): CellState {
  const next = cloneState(grid);
  for (const cell of discCells(grid, disc)) paintCell(next, cell);
  return next;
}

function resetMarks(grid: CellState, cell: number): void {
  grid.marks.fill(1 / grid.experts, cell * grid.experts, (cell + 1) * grid.experts);
}

/** Damage: the cells under the disc die (zero state, no expression, pluripotent marks). */
export function eraseDisc(grid: CellState, disc: Disc): CellState {
  return paint(grid, disc, (next, cell) => {
    next.state.fill(0, cell * next.channels, (cell + 1) * next.channels);
    next.expression.fill(0, cell * next.experts, (cell + 1) * next.experts);
    resetMarks(next, cell);
  });
}

/** Erases (zero state, uniform marks) the `share` of alive cells furthest right: a cut through the organism. */
export function eraseShare(grid: CellState, share: number): { grid: CellState; erased: number } {
  const alive: number[] = [];
  for (let cell = 0; cell < grid.width * grid.height; cell++) if (isAliveCell(grid, cell)) alive.push(cell);
  alive.sort((a, b) => (b % grid.width) - (a % grid.width) || a - b);
  const erase = alive.slice(0, Math.round(alive.length * share));
  const state = grid.state.slice(),
    marks = grid.marks.slice();
  for (const cell of erase) {
    state.fill(0, cell * grid.channels, (cell + 1) * grid.channels);
    marks.fill(1 / grid.experts, cell * grid.experts, (cell + 1) * grid.experts);
  }
  return { grid: { ...grid, state, marks }, erased: erase.length };
}

/** The environment signal set to `value` everywhere (its channels `channels`, see environmentChannels). */
export function fillEnvironment(grid: CellState, channels: readonly number[], value: number): CellState {
  const next = cloneState(grid);
  for (let cell = 0; cell < grid.width * grid.height; cell++) {
    for (const m of channels) next.morphogens[cell * grid.morphogenCount + m] = value;
  }
  return next;
}

/** Plants one seed cell (alpha and hidden channels 1) at (x, y). */
export function plantSeed(grid: CellState, x: number, y: number): CellState {
  const next = cloneState(grid);
  const [cell] = discCells(grid, { x, y, radius: 0 });
  writeSeedCell(next, cell % grid.width, Math.floor(cell / grid.width));
  return next;
}

function checkExpert(grid: CellState, expert: number, brush: string): void {
  if (!Number.isInteger(expert) || expert < 0 || expert >= grid.experts) {
    throw new Error(`${brush} brush: field expert: expected an index in [0, ${grid.experts - 1}], got ${expert}`);
  }
}

/** Silences one expert (or every expert, with 'all') under the disc; `on = false` lifts the knockout. */
export function knockoutRegion(grid: CellState, disc: Disc, expert: number | 'all', on = true): CellState {
  if (expert !== 'all') checkExpert(grid, expert, 'knockout');
  const bits = expert === 'all' ? (1 << grid.experts) - 1 : 1 << expert;
  return paint(grid, disc, (next, cell) => {
    next.knockoutMask[cell] = on ? next.knockoutMask[cell] | bits : next.knockoutMask[cell] & ~bits;
  });
}

/** Forces one expert under the disc (one-hot expression whatever the marks say); null clears the force. */
export function forceRegion(grid: CellState, disc: Disc, expert: number | null): CellState {
  if (expert !== null) checkExpert(grid, expert, 'force');
  return paint(grid, disc, (next, cell) => {
    next.forced[cell] = expert ?? -1;
  });
}

/** Reprogramming: marks back to uniform, the cells become pluripotent again. */
export function reprogramRegion(grid: CellState, disc: Disc): CellState {
  return paint(grid, disc, resetMarks);
}

/** Sets morphogen `channel` to `value` under the disc (value 0 erases). */
export function paintMorphogen(grid: CellState, disc: Disc, channel: number, value: number): CellState {
  if (!Number.isInteger(channel) || channel < 0 || channel >= grid.morphogenCount) {
    throw new Error(
      `morphogen brush: field channel: expected an index in [0, ${grid.morphogenCount - 1}], got ${channel}`,
    );
  }
  if (!Number.isFinite(value)) throw new Error(`morphogen brush: field value: expected a finite number, got ${value}`);
  return paint(grid, disc, (next, cell) => {
    next.morphogens[cell * next.morphogenCount + channel] = value;
  });
}
