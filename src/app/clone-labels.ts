/**
 * Which label a new clone gets: each Mark clone stroke starts a clone of its own colour. The smallest label
 * neither alive at the last measurement nor handed out since; with all fifteen taken, they come round
 * again. Kept from what the app already measures, so starting a stroke reads nothing back from the GPU.
 */
import { MAX_CLONE } from '../model/clones.ts';

export interface CloneLabels {
  /** The labels alive now (from the per-clone metrics). */
  observe(alive: readonly number[]): void;
  next(): number;
  /** No clones any more (cleared, reset, another genome). */
  clear(): void;
}

export function createCloneLabels(): CloneLabels {
  let alive = new Set<number>();
  const handedOut = new Set<number>();
  let turn = 0;
  return {
    observe(labels) {
      alive = new Set(labels);
      // A label handed out but not alive marked no living cell: it is free again.
      handedOut.clear();
    },
    next() {
      for (let label = 1; label <= MAX_CLONE; label++) {
        if (!alive.has(label) && !handedOut.has(label)) {
          handedOut.add(label);
          return label;
        }
      }
      turn = (turn % MAX_CLONE) + 1;
      return turn;
    },
    clear() {
      alive.clear();
      handedOut.clear();
      turn = 0;
    },
  };
}
