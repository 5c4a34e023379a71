/**
 * What the user did to the grid since it last started over: every brush call that reached the simulation,
 * with the step it was made at, grouped by stroke so undo takes a stroke back. A share link carries it
 * (strokes-in-link.ts) and the page that opens the link replays it, so marked clones, wounds and painted
 * regions travel with the setup. After a state import the history is not the grid's any more: the journal
 * says so instead of replaying something else.
 */
import type { Simulation } from '../engine/simulation.ts';
import type { JournalOp } from '../model/journal-ops.ts';
import type { Strokes } from './strokes.ts';

export interface StrokeJournal {
  /** `sim` with its brushes recorded into the current stroke. */
  record(sim: Simulation): Simulation;
  /** An undoable action starts (a stroke, clearing the clones). */
  beginStroke(): void;
  undo(): void;
  /** The grid started over from a seed: nothing to replay. */
  clear(): void;
  /** The grid came from somewhere a link cannot reach (an imported state): no replay until it starts over. */
  lose(reason: string): void;
  /** The calls to replay, in order; null with the reason when they cannot reproduce the grid. */
  ops(): { ops: JournalOp[] } | { lost: string };
}

export function createStrokeJournal(): StrokeJournal {
  let strokes: JournalOp[][] = [];
  let lost: string | null = null;
  const add = (op: JournalOp) => {
    if (strokes.length === 0) strokes.push([]);
    strokes[strokes.length - 1].push(op);
  };
  return {
    record(sim) {
      const recorded: Simulation = Object.create(sim);
      const step = () => sim.stepCount;
      recorded.erase = (disc) => {
        sim.erase(disc);
        add({ step: step(), op: 'erase', disc });
      };
      recorded.reprogram = (disc) => {
        sim.reprogram(disc);
        add({ step: step(), op: 'reprogram', disc });
      };
      recorded.plantSeed = (x, y) => {
        sim.plantSeed(x, y);
        add({ step: step(), op: 'plantSeed', x, y });
      };
      recorded.knockout = (disc, expert, on = true) => {
        sim.knockout(disc, expert, on);
        add({ step: step(), op: 'knockout', disc, expert, on });
      };
      recorded.force = (disc, expert) => {
        sim.force(disc, expert);
        add({ step: step(), op: 'force', disc, expert });
      };
      recorded.paintMorphogen = (disc, channel, value) => {
        sim.paintMorphogen(disc, channel, value);
        add({ step: step(), op: 'paintMorphogen', disc, channel, value });
      };
      recorded.markClone = (disc, label) => {
        sim.markClone(disc, label);
        add({ step: step(), op: 'markClone', disc, label });
      };
      recorded.clearClones = () => {
        sim.clearClones();
        add({ step: step(), op: 'clearClones' });
      };
      return recorded;
    },
    beginStroke() {
      strokes.push([]);
    },
    undo() {
      strokes.pop();
    },
    clear() {
      strokes = [];
      lost = null;
    },
    lose(reason) {
      strokes = [];
      lost = reason;
    },
    ops() {
      return lost !== null ? { lost } : { ops: strokes.flat() };
    },
  };
}

/** Makes one recorded call again. */
function apply(sim: Simulation, op: JournalOp): void {
  switch (op.op) {
    case 'erase':
      sim.erase(op.disc);
      break;
    case 'reprogram':
      sim.reprogram(op.disc);
      break;
    case 'plantSeed':
      sim.plantSeed(op.x, op.y);
      break;
    case 'knockout':
      sim.knockout(op.disc, op.expert, op.on);
      break;
    case 'force':
      sim.force(op.disc, op.expert);
      break;
    case 'paintMorphogen':
      sim.paintMorphogen(op.disc, op.channel, op.value);
      break;
    case 'markClone':
      sim.markClone(op.disc, op.label);
      break;
    case 'clearClones':
      sim.clearClones();
      break;
  }
}

/**
 * What opening a link does: grows `sim` from its start to each call's step and makes the call (into
 * `journal`, so sharing again carries them), then on to step `until`. Throws (a call the genome refuses,
 * a step already past) naming the call.
 */
export function replayJournal(sim: Simulation, journal: StrokeJournal, ops: readonly JournalOp[], until: number): void {
  ops.forEach((op, i) => {
    if (op.step < sim.stepCount)
      throw new Error(
        `URL: field strokes: call ${i} (${op.op}) was made at step ${op.step}, `
          + `but the grid is at step ${sim.stepCount}`,
      );
    sim.step(op.step - sim.stepCount);
    journal.beginStroke();
    try {
      apply(journal.record(sim), op);
    } catch (error) {
      throw new Error(`URL: field strokes: call ${i} (${op.op}): ${(error as Error).message}`);
    }
  });
  if (until > sim.stepCount) sim.step(until - sim.stepCount);
}

/** `strokes` with every brush call journaled: each stroke, undo and clear reaches both. */
export function trackJournal<S extends Strokes>(strokes: S, journal: StrokeJournal): S {
  return {
    ...strokes,
    start(sim, tool, x, y, cloneLabel) {
      journal.beginStroke();
      strokes.start(journal.record(sim), tool, x, y, cloneLabel);
    },
    move(sim, tool, x, y) {
      strokes.move(journal.record(sim), tool, x, y);
    },
    remember(sim) {
      journal.beginStroke();
      strokes.remember(sim);
    },
    undo(sim) {
      const undone = strokes.undo(sim);
      if (undone) journal.undo();
      return undone;
    },
    clear() {
      strokes.clear();
      journal.clear();
    },
  };
}
