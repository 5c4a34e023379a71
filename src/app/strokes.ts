/**
 * Brush strokes: a tool applied along the pointer's path, with an undo stack of the grids from before each
 * stroke. They are copies kept on the GPU (sim.snapshot()), not readState(): reading the grid back made the
 * first event of every stroke wait for the GPU (issue 11).
 */
import type { GridSnapshot } from '../engine/grid-snapshot.ts';
import type { Simulation } from '../engine/simulation.ts';
import type { ToolSettings } from '../ui/events.ts';

const UNDO_DEPTH = 10;

/** One dab of the tool at cell (x, y); `cloneLabel` is the clone a Mark clone stroke marks. */
export function applyTool(sim: Simulation, tool: ToolSettings, x: number, y: number, cloneLabel = 0): void {
  const disc = { x, y, radius: tool.radius };
  const expert = tool.expert === 'all' ? 0 : Math.min(tool.expert, sim.sizes.experts - 1);
  switch (tool.tool) {
    case 'erase':
      sim.erase(disc);
      break;
    case 'seed':
      sim.plantSeed(Math.round(x), Math.round(y));
      break;
    case 'knockout':
      sim.knockout(disc, tool.expert === 'all' ? 'all' : expert, tool.paint);
      break;
    case 'force':
      sim.force(disc, tool.paint ? expert : null);
      break;
    case 'reprogram':
      sim.reprogram(disc);
      break;
    case 'morphogen':
      if (sim.sizes.morphogens === 0)
        throw new Error('This genome reads no morphogen fields: there is nothing to paint.');
      sim.paintMorphogen(
        disc,
        Math.min(tool.morphogen, sim.sizes.morphogens - 1),
        tool.paint ? tool.morphogenValue : 0,
      );
      break;
    case 'clone':
      sim.markClone(disc, cloneLabel);
      break;
    case 'pan':
      break;
  }
}

export interface Strokes {
  /** A stroke begins; a Mark clone stroke marks clone `cloneLabel` (each stroke is a new clone). */
  start(sim: Simulation, tool: ToolSettings, x: number, y: number, cloneLabel?: number): void;
  move(sim: Simulation, tool: ToolSettings, x: number, y: number): void;
  end(): void;
  /** Keeps the grid as it is now on the undo stack, before an action that is not a stroke (clearing the clones). */
  remember(sim: Simulation): void;
  /** Loads the state from before the last stroke; false when there is none. */
  undo(sim: Simulation): boolean;
  clear(): void;
}

export function createStrokes(): Strokes {
  const undo: GridSnapshot[] = [];
  let last: [number, number] | null = null;
  let label = 0;
  const clear = () => {
    for (const snapshot of undo.splice(0)) snapshot.discard();
    last = null;
  };
  const remember = (sim: Simulation) => {
    undo.push(sim.snapshot());
    if (undo.length > UNDO_DEPTH) undo.shift()!.discard();
  };
  return {
    start(sim, tool, x, y, cloneLabel = 0) {
      remember(sim);
      last = [x, y];
      label = cloneLabel;
      applyTool(sim, tool, x, y, label);
    },
    remember,
    move(sim, tool, x, y) {
      if (!last || tool.tool === 'seed') return; // seeds are planted one per click
      // Dabs every half radius along the path, so a fast drag leaves a continuous stroke.
      const [lx, ly] = last;
      const spacing = Math.max(0.5, tool.radius / 2);
      const n = Math.ceil(Math.hypot(x - lx, y - ly) / spacing);
      for (let i = 1; i <= n; i++) applyTool(sim, tool, lx + ((x - lx) * i) / n, ly + ((y - ly) * i) / n, label);
      if (n > 0) last = [x, y];
    },
    end() {
      last = null;
    },
    undo(sim) {
      const snapshot = undo.pop();
      if (!snapshot) return false;
      // False when the simulation was rebuilt since (a WebGL context loss): every older snapshot is stale too.
      const restored = sim.restore(snapshot);
      snapshot.discard();
      if (!restored) clear();
      return restored;
    },
    clear,
  };
}

/** What follows the strokes: the brush calls that reach the simulation, grouped stroke by stroke. */
export interface StrokeRecorder {
  /** `sim` with its brush calls recorded into the current stroke. */
  record(sim: Simulation): Simulation;
  /** An undoable action starts (a stroke, clearing the clones): what undo takes back. */
  beginStroke(): void;
  undo(): void;
  clear(): void;
}

/** `strokes` with every brush call recorded by `recorder` too: each stroke, undo and clear reaches both. */
export function recordStrokes<S extends Strokes>(strokes: S, recorder: StrokeRecorder): S {
  return {
    ...strokes,
    start(sim, tool, x, y, cloneLabel) {
      recorder.beginStroke();
      strokes.start(recorder.record(sim), tool, x, y, cloneLabel);
    },
    move(sim, tool, x, y) {
      strokes.move(recorder.record(sim), tool, x, y);
    },
    remember(sim) {
      recorder.beginStroke();
      strokes.remember(sim);
    },
    undo(sim) {
      const undone = strokes.undo(sim);
      if (undone) recorder.undo();
      return undone;
    },
    clear() {
      strokes.clear();
      recorder.clear();
    },
  };
}
