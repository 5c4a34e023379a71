/**
 * Where the user painted knockouts, forced experts and morphogens, for the overlay's outlines: the field
 * brushes that reach the simulation during strokes are recorded (discs in cells) and replayed on CPU masks
 * with the engine's own disc rule (discCells), so lifting a knockout, erasing a morphogen and undoing a
 * stroke take their outline away as they take the paint away.
 */
import type { Simulation } from '../engine/simulation.ts';
import { discCells, type Disc } from '../model/brushes.ts';
import type { RegionMasks } from '../view/overlay-scene.ts';
import type { StrokeRecorder } from './strokes.ts';

type Dab =
  | { kind: 'knockout'; disc: Disc; bits: number; on: boolean }
  | { kind: 'force'; disc: Disc; expert: number | null }
  | { kind: 'morphogen'; disc: Disc; channel: number; value: number };

/** Per cell: knocked-out expert bits, the forced expert (-1 none), one bit per morphogen painted non-zero. */
interface Painted {
  width: number;
  height: number;
  knockout: Uint16Array;
  forced: Int8Array;
  morphogens: Uint16Array;
}

function apply(painted: Painted, dab: Dab): void {
  for (const cell of discCells(painted, dab.disc)) {
    if (dab.kind === 'knockout')
      painted.knockout[cell] = dab.on ? painted.knockout[cell] | dab.bits : painted.knockout[cell] & ~dab.bits;
    else if (dab.kind === 'force') painted.forced[cell] = dab.expert ?? -1;
    else
      painted.morphogens[cell] =
        dab.value !== 0
          ? painted.morphogens[cell] | (1 << dab.channel)
          : painted.morphogens[cell] & ~(1 << dab.channel);
  }
}

/**
 * A recorder of the strokes (strokes.ts recordStrokes) that keeps the knockout, force and morphogen brushes.
 * beginStroke comes with every stroke, as the undo stack's entries do.
 */
export interface PaintedRegions extends StrokeRecorder {
  /** The masks; the same object until the paint changes; null before anything was painted. */
  masks(): RegionMasks | null;
}

export function createPaintedRegions(): PaintedRegions {
  let strokes: Dab[][] = [];
  let painted: Painted | null = null;
  let cached: RegionMasks | null = null;

  const fresh = (width: number, height: number): Painted => ({
    width,
    height,
    knockout: new Uint16Array(width * height),
    forced: new Int8Array(width * height).fill(-1),
    morphogens: new Uint16Array(width * height),
  });
  const add = (sim: Simulation, dab: Dab) => {
    if (!painted || painted.width !== sim.width || painted.height !== sim.height)
      painted = fresh(sim.width, sim.height);
    if (strokes.length === 0) strokes.push([]);
    strokes[strokes.length - 1].push(dab);
    apply(painted, dab);
    cached = null;
  };

  return {
    record(sim) {
      const recorded: Simulation = Object.create(sim);
      recorded.knockout = (disc, expert, on = true) => {
        sim.knockout(disc, expert, on);
        add(sim, { kind: 'knockout', disc, bits: expert === 'all' ? (1 << sim.sizes.experts) - 1 : 1 << expert, on });
      };
      recorded.force = (disc, expert) => {
        sim.force(disc, expert);
        add(sim, { kind: 'force', disc, expert });
      };
      recorded.paintMorphogen = (disc, channel, value) => {
        sim.paintMorphogen(disc, channel, value);
        add(sim, { kind: 'morphogen', disc, channel, value });
      };
      return recorded;
    },
    beginStroke() {
      strokes.push([]);
    },
    undo() {
      strokes.pop();
      if (!painted) return;
      // Replaying what is left is exact, however the undone stroke overlapped the earlier ones.
      const replayed = fresh(painted.width, painted.height);
      for (const stroke of strokes) for (const dab of stroke) apply(replayed, dab);
      painted = replayed;
      cached = null;
    },
    clear() {
      strokes = [];
      painted = null;
      cached = null;
    },
    masks() {
      if (!painted) return null;
      if (!cached) {
        const { width, height, knockout, forced, morphogens } = painted;
        cached = {
          width,
          height,
          knockout: Uint8Array.from(knockout, (bits) => (bits !== 0 ? 1 : 0)),
          force: Uint8Array.from(forced, (expert) => (expert >= 0 ? 1 : 0)),
          morphogen: Uint8Array.from(morphogens, (bits) => (bits !== 0 ? 1 : 0)),
        };
      }
      return cached;
    },
  };
}
