/**
 * What the user did to the grid since it last started over: every brush call that reached the simulation,
 * with the step it was made at, grouped by stroke so undo takes a stroke back. A share link carries it
 * (strokes-in-link.ts) and the page that opens the link replays it, so marked clones, wounds and painted
 * regions travel with the setup. After a state import the history is not the grid's any more: the journal
 * says so instead of replaying something else.
 */
import type { Simulation } from '../engine/simulation.ts';
import type { JournalOp } from '../model/journal-ops.ts';
import type { StrokeRecorder } from './strokes.ts';

/** A recorder of the strokes (strokes.ts recordStrokes): `clear` when the grid starts over from a seed. */
export interface StrokeJournal extends StrokeRecorder {
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

/** How to make each kind of recorded call again. */
const CALLS: { [Op in JournalOp['op']]: (sim: Simulation, op: JournalOp & { op: Op }) => void } = {
  erase: (sim, op) => sim.erase(op.disc),
  reprogram: (sim, op) => sim.reprogram(op.disc),
  plantSeed: (sim, op) => sim.plantSeed(op.x, op.y),
  knockout: (sim, op) => sim.knockout(op.disc, op.expert, op.on),
  force: (sim, op) => sim.force(op.disc, op.expert),
  paintMorphogen: (sim, op) => sim.paintMorphogen(op.disc, op.channel, op.value),
  markClone: (sim, op) => sim.markClone(op.disc, op.label),
  clearClones: (sim) => sim.clearClones(),
};

/** Makes one recorded call again. */
function apply(sim: Simulation, op: JournalOp): void {
  (CALLS[op.op] as (sim: Simulation, op: JournalOp) => void)(sim, op);
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
