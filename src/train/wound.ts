/**
 * A wound: what one damaged grid of a batch loses. The pool (pool.ts) draws one per damaged grid and
 * inflicts it before the rollout, as Growing-NCA does, or, with `training.damageLate`, hands it to the
 * rollout to inflict a few steps before its end (late-wounds.ts), so that the loss at the end asks the
 * genome to regrow within those few steps: the report's regrowth trial counts the steps to be back.
 */
export type Wound =
  /** Every cell within `radius` of (x, y). */
  | { kind: 'disc'; x: number; y: number; radius: number }
  /** The `share` of the alive cells furthest along the direction `angle` (radians, 0 = +x). */
  | { kind: 'cut'; angle: number; share: number };

/** A wound inflicted during a rollout, before its step `at` (0 = before the first). */
export interface LateWound {
  wound: Wound;
  at: number;
}

/** The cells (indices within one W x H grid) that `wound` erases; `alive`: the grid's alive cells, ascending. */
export function woundCells(wound: Wound, alive: readonly number[], width: number, height: number): number[] {
  if (wound.kind === 'disc') {
    const { x: cx, y: cy, radius } = wound;
    const out: number[] = [];
    for (let y = 0; y < height; y++) {
      for (let x = 0; x < width; x++) if ((x - cx) ** 2 + (y - cy) ** 2 < radius * radius) out.push(y * width + x);
    }
    return out;
  }
  const dx = Math.cos(wound.angle),
    dy = Math.sin(wound.angle);
  const ranked = alive.map((cell) => ({ cell, along: (cell % width) * dx + Math.floor(cell / width) * dy }));
  ranked.sort((a, b) => b.along - a.along || a.cell - b.cell);
  return ranked.slice(0, Math.round(ranked.length * wound.share)).map((r) => r.cell);
}
