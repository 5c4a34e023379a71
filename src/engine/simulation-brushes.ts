/**
 * The brushes of a simulation (src/model/brushes.ts and clones.ts are their definitions): what a user does
 * to the grid with the mouse. Each checks its input, then paints one disc on the GPU (brush-program.ts).
 */
import type { Disc } from '../model/brushes.ts';
import { checkCloneLabel } from '../model/clones.ts';
import { checkExpert, checkMorphogenPaint } from './brush-checks.ts';
import type { BrushKind } from './brush-program.ts';
import type { EngineSizes } from './layouts.ts';

export interface BrushTarget {
  width: number;
  height: number;
  sizes(): EngineSizes;
  paint(kind: BrushKind, disc: Disc, value?: number, channel?: number): void;
  /** Lineage tracing on or off: the clone pass runs after each step while it is on. */
  setTracing(on: boolean): void;
}

export function simulationBrushes(target: BrushTarget) {
  const { paint } = target;
  return {
    /** Damage: the cells under the disc die. */
    erase(disc: Disc): void {
      paint('erase', disc);
    },
    /** One seed cell (alpha and hidden channels 1) at (x, y). */
    plantSeed(x: number, y: number): void {
      paint('seed', { x, y, radius: 0 });
    },
    /** Marks back to uniform under the disc. */
    reprogram(disc: Disc): void {
      paint('reprogram', disc);
    },
    /** Silences one expert or all under the disc; `on = false` lifts it. */
    knockout(disc: Disc, expert: number | 'all', on = true): void {
      if (expert !== 'all') checkExpert(expert, 'knockout', target.sizes());
      const bits = expert === 'all' ? (1 << target.sizes().experts) - 1 : 1 << expert;
      paint(on ? 'knockout' : 'liftKnockout', disc, bits);
    },
    /** Forces one expert under the disc; null lifts the force. */
    force(disc: Disc, expert: number | null): void {
      if (expert !== null) checkExpert(expert, 'force', target.sizes());
      paint('force', disc, expert ?? -1);
    },
    /** Sets one morphogen field under the disc (0 erases). */
    paintMorphogen(disc: Disc, channel: number, value: number): void {
      checkMorphogenPaint(channel, value, target.sizes());
      paint('morphogen', disc, value, channel);
    },
    /** Lineage tracing: the living cells under the disc join clone `label` (1..MAX_CLONE), and tracing starts. */
    markClone(disc: Disc, label: number): void {
      checkCloneLabel(label, 'clone brush');
      paint('clone', disc, label);
      target.setTracing(true);
    },
    /** Every clone label gone, and tracing off: the step costs what it did before. */
    clearClones(): void {
      paint(
        'clearClones',
        { x: target.width / 2, y: target.height / 2, radius: Math.hypot(target.width, target.height) },
        0,
      );
      target.setTracing(false);
    },
  };
}
