/**
 * The sample pool of Growing-NCA: grids grown by earlier iterations, from which each batch is drawn, so
 * the model learns to keep a grown pattern stable as well as to grow it. The worst grid of a batch is
 * replaced by a seed; the best ones can be damaged by a random disc or a straight cut, so the model learns
 * to regrow.
 */
import { ALIVE_THRESHOLD, ALPHA_CHANNEL } from '../model/state.ts';
import type { Rng } from '../model/rng.ts';

export interface Pool {
  size: number;
  width: number;
  height: number;
  channels: number;
  experts: number;
  state: Float32Array;
  marks: Float32Array;
  /** Per slot: the body it grows (an index into the run's bodies); all 0 for a single target. */
  bodies: Uint8Array;
  /** How many bodies the run has. */
  bodyCount: number;
}

/** Writes a seed grid (one cell at the centre: alpha and hidden 1, colour 0; uniform marks) into slot i. */
export function writeSeed(pool: Pool, i: number): void {
  const { width, height, channels: C, experts: K } = pool;
  const cells = width * height;
  pool.state.fill(0, i * cells * C, (i + 1) * cells * C);
  pool.marks.fill(1 / K, i * cells * K, (i + 1) * cells * K);
  const centre = i * cells + Math.floor(height / 2) * width + Math.floor(width / 2);
  for (let c = ALPHA_CHANNEL; c < C; c++) pool.state[centre * C + c] = 1;
}

/** A pool of seeds; with several bodies, slot i grows body i mod bodyCount. */
export function createPool(
  size: number,
  width: number,
  height: number,
  channels: number,
  experts: number,
  bodyCount = 1,
): Pool {
  const cells = width * height;
  const pool = {
    size,
    width,
    height,
    channels,
    experts,
    bodyCount,
    state: new Float32Array(size * cells * channels),
    marks: new Float32Array(size * cells * experts),
    bodies: Uint8Array.from({ length: size }, (_, i) => i % bodyCount),
  };
  for (let i = 0; i < size; i++) writeSeed(pool, i);
  return pool;
}

/** MSE of slot i's RGBA against the padded target. */
export function slotLoss(pool: Pool, i: number, target: Float32Array): number {
  const cells = pool.width * pool.height;
  const C = pool.channels;
  let sum = 0;
  for (let cell = 0; cell < cells; cell++) {
    const base = (i * cells + cell) * C;
    for (let c = 0; c < 4; c++) {
      const d = pool.state[base + c] - target[cell * 4 + c];
      sum += d * d;
    }
  }
  return sum / (cells * 4);
}

/** The alive cells of slot i, as cell indices within the slot. */
function aliveCells(pool: Pool, i: number): number[] {
  const cells = pool.width * pool.height;
  const alive: number[] = [];
  for (let cell = 0; cell < cells; cell++) {
    if (pool.state[(i * cells + cell) * pool.channels + ALPHA_CHANNEL] > ALIVE_THRESHOLD) alive.push(cell);
  }
  return alive;
}

/** Kills one cell of the pool (its index over all slots): state zero, marks uniform. */
function eraseCell(pool: Pool, at: number): void {
  pool.state.fill(0, at * pool.channels, (at + 1) * pool.channels);
  pool.marks.fill(1 / pool.experts, at * pool.experts, (at + 1) * pool.experts);
}

/** Erases a disc (state zero, marks uniform) of slot i; centre (cx, cy) and radius in cells. */
export function damageDisc(pool: Pool, i: number, cx: number, cy: number, radius: number): void {
  const { width, height } = pool;
  const cells = width * height;
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if ((x - cx) ** 2 + (y - cy) ** 2 >= radius * radius) continue;
      eraseCell(pool, i * cells + y * width + x);
    }
  }
}

/**
 * Erases the `share` of slot i's alive cells that lie furthest along the direction `angle` (radians, 0 =
 * +x): a straight cut through the organism, as the report's regrowth trial (eraseShare, 30% from the right)
 * and a user's Erase brush dragged across it do. A disc inside the box rarely takes a whole side.
 */
export function damageCut(pool: Pool, i: number, angle: number, share: number): void {
  const { width } = pool;
  const cells = width * pool.height;
  const dx = Math.cos(angle),
    dy = Math.sin(angle);
  const alive = aliveCells(pool, i).map((cell) => ({
    cell,
    along: (cell % width) * dx + Math.floor(cell / width) * dy,
  }));
  alive.sort((a, b) => b.along - a.along || a.cell - b.cell);
  for (const { cell } of alive.slice(0, Math.round(alive.length * share))) eraseCell(pool, i * cells + cell);
}

/** Where a damage disc's centre is drawn: in the target box, or on an alive cell of the grid. */
export const DAMAGE_CENTRES = ['box', 'organism'] as const;
export type DamageCentre = (typeof DAMAGE_CENTRES)[number];

/**
 * Which grids of a batch are damaged: its best (lowest loss, as Growing-NCA picks them), or any but the one
 * reseeded, so that young organisms are wounded too.
 */
export const DAMAGE_PICKS = ['best', 'any'] as const;
export type DamagePick = (typeof DAMAGE_PICKS)[number];

/** How a batch's grids are damaged (config `training.damage*`). */
export interface Damage {
  /** Grids of each batch damaged. */
  grids: number;
  /** Disc radius as a fraction of the target's side: [min, max]. */
  radius: readonly [number, number];
  /** Chance that a damage is a straight cut instead of a disc. */
  cut: number;
  /** Share of the alive cells a cut erases: [min, max]. */
  cutShare: readonly [number, number];
  /** Where a disc's centre falls ('box' if not given). */
  at?: DamageCentre;
  /** Which grids are damaged ('best' if not given). */
  pick?: DamagePick;
}

export interface BatchPlan {
  /** Pool slots of the batch, worst first. */
  slots: number[];
  /** Slots reseeded and damaged this iteration. */
  seeded: number;
  damaged: number[];
  /** Slots whose body changed this iteration. */
  remodelled: number[];
}

/**
 * The body a reseeded slot should grow: the one with the fewest other slots in the pool (ties drawn at
 * random). The worst grid of a batch is the one reseeded, and it is most often the harder body's, so a
 * reseed as a random body drains the harder body from the pool: a hybrid run's pool ended 422 beetles to
 * 90 butterflies, and the butterfly trained on a fifth of each batch. This keeps the bodies' shares equal.
 */
function scarcestBody(pool: Pool, slot: number, rng: Rng): number {
  const counts = new Array<number>(pool.bodyCount).fill(0);
  pool.bodies.forEach((body, s) => {
    if (s !== slot) counts[body]++;
  });
  const fewest = Math.min(...counts);
  const scarcest = counts.flatMap((count, body) => (count === fewest ? [body] : []));
  return scarcest[rng.int(0, scarcest.length - 1)];
}

/** The slots of a batch (worst first, the first just reseeded) that `damage` wounds. */
function damagedSlots(slots: number[], damage: Damage, rng: Rng): number[] {
  const grown = slots.slice(1);
  if (damage.pick !== 'any') return grown.slice(grown.length - damage.grids);
  // Best-first wounds only mature organisms: the French flag, never wounded young, cut at step 128 grew a
  // second flag. Drawn in batch order so the plan reads like a best-first one.
  return rng
    .sample(grown.length, Math.min(damage.grids, grown.length))
    .sort((a, b) => a - b)
    .map((i) => grown[i]);
}

/**
 * Draws a batch, sorts it by loss against each slot's own body (worst first), reseeds the worst (with
 * several bodies, as the body with the fewest slots) and damages the `damage.grids` best (or any but the
 * reseeded one, `damage.pick`), each with a random disc centred inside the target box (targetW x targetH,
 * centred) or on an alive cell (`damage.at`), or, at the chance `damage.cut`, a straight cut at a random
 * angle. All randomness from `rng`; with no cuts, discs in the box and the best grids it draws exactly what
 * it drew before any of these existed, so older runs resume and replay unchanged.
 */
export function drawBatch(
  pool: Pool,
  rng: Rng,
  batch: number,
  targets: readonly Float32Array[],
  damage: Damage,
  targetW: number,
  targetH: number,
  remodel = 0,
): BatchPlan {
  const slots = rng.sample(pool.size, batch);
  const losses = new Map(slots.map((s) => [s, slotLoss(pool, s, targets[pool.bodies[s]])]));
  slots.sort((a, b) => losses.get(b)! - losses.get(a)! || a - b);
  writeSeed(pool, slots[0]);
  if (pool.bodyCount > 1) pool.bodies[slots[0]] = scarcestBody(pool, slots[0], rng);
  const damaged = damage.grids > 0 ? damagedSlots(slots, damage, rng) : [];
  const side = Math.min(targetW, targetH);
  const { radius: damageRadius, cut, cutShare } = damage;
  for (const s of damaged) {
    if (cut > 0 && rng.next() < cut) {
      const angle = rng.next() * 2 * Math.PI;
      damageCut(pool, s, angle, cutShare[0] + rng.next() * (cutShare[1] - cutShare[0]));
      continue;
    }
    const alive = damage.at === 'organism' ? aliveCells(pool, s) : [];
    let cx: number, cy: number;
    if (alive.length > 0) {
      const cell = alive[rng.int(0, alive.length - 1)];
      cx = cell % pool.width;
      cy = Math.floor(cell / pool.width);
    } else {
      // The box: always for 'box', and for a grid with no living cell, which has no organism to aim at.
      cx = Math.floor(pool.width / 2) + (rng.next() - 0.5) * targetW;
      cy = Math.floor(pool.height / 2) + (rng.next() - 0.5) * targetH;
    }
    const r = side * (damageRadius[0] + rng.next() * (damageRadius[1] - damageRadius[0]));
    damageDisc(pool, s, cx, cy, r);
  }
  // Remodelling: the best grids neither reseeded nor damaged change body (a random other one).
  const intact = slots.slice(1).filter((s) => !damaged.includes(s));
  const remodelled = remodel > 0 ? intact.slice(-remodel) : [];
  for (const s of remodelled) pool.bodies[s] = (pool.bodies[s] + rng.int(1, pool.bodyCount - 1)) % pool.bodyCount;
  return { slots, seeded: 1, damaged, remodelled };
}
