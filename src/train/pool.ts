/**
 * The sample pool of Growing-NCA: grids grown by earlier iterations, from which each batch is drawn, so
 * the model learns to keep a grown pattern stable as well as to grow it. The worst grid of a batch is
 * replaced by a seed; the best ones can be damaged by a random disc or a straight cut, so the model learns
 * to regrow.
 */
import { ALIVE_THRESHOLD, ALPHA_CHANNEL } from '../model/state.ts';
import type { Rng } from '../model/rng.ts';
import { woundCells, type LateWound, type Wound } from './wound.ts';

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

/** Inflicts `wound` on slot i now. */
export function inflictWound(pool: Pool, i: number, wound: Wound): void {
  const cells = pool.width * pool.height;
  const alive = wound.kind === 'cut' ? aliveCells(pool, i) : [];
  for (const cell of woundCells(wound, alive, pool.width, pool.height)) eraseCell(pool, i * cells + cell);
}

/** Erases a disc (state zero, marks uniform) of slot i; centre (cx, cy) and radius in cells. */
export function damageDisc(pool: Pool, i: number, cx: number, cy: number, radius: number): void {
  inflictWound(pool, i, { kind: 'disc', x: cx, y: cy, radius });
}

/**
 * Erases the `share` of slot i's alive cells that lie furthest along the direction `angle` (radians, 0 =
 * +x): a straight cut through the organism, as the report's regrowth trial (eraseShare, 30% from the right)
 * and a user's Erase brush dragged across it do. A disc inside the box rarely takes a whole side.
 */
export function damageCut(pool: Pool, i: number, angle: number, share: number): void {
  inflictWound(pool, i, { kind: 'cut', angle, share });
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
  /** Wound the damaged grids this many steps ([min, max]) before their rollout ends instead of before it. */
  late?: readonly [number, number];
}

/** A damaged slot's wound, handed to the rollout to inflict `before` steps before it ends (training.damageLate). */
export interface PendingWound {
  slot: number;
  wound: Wound;
  before: number;
}

export interface BatchPlan {
  /** Pool slots of the batch, worst first. */
  slots: number[];
  /** Slots reseeded and damaged this iteration. */
  seeded: number;
  damaged: number[];
  /** Slots whose body changed this iteration. */
  remodelled: number[];
  /** With late damage: the damaged slots' wounds, still to inflict. */
  late: PendingWound[];
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
 * One damaged slot's wound: at the chance `damage.cut` a straight cut at a random angle, else a disc centred
 * in the target box or on an alive cell (`damage.at`).
 */
function drawWound(pool: Pool, s: number, rng: Rng, damage: Damage, targetW: number, targetH: number): Wound {
  const { radius, cut, cutShare } = damage;
  if (cut > 0 && rng.next() < cut) {
    const angle = rng.next() * 2 * Math.PI;
    return { kind: 'cut', angle, share: cutShare[0] + rng.next() * (cutShare[1] - cutShare[0]) };
  }
  const alive = damage.at === 'organism' ? aliveCells(pool, s) : [];
  let x: number, y: number;
  if (alive.length > 0) {
    const cell = alive[rng.int(0, alive.length - 1)];
    x = cell % pool.width;
    y = Math.floor(cell / pool.width);
  } else {
    // The box: always for 'box', and for a grid with no living cell, which has no organism to aim at.
    x = Math.floor(pool.width / 2) + (rng.next() - 0.5) * targetW;
    y = Math.floor(pool.height / 2) + (rng.next() - 0.5) * targetH;
  }
  const side = Math.min(targetW, targetH);
  return { kind: 'disc', x, y, radius: side * (radius[0] + rng.next() * (radius[1] - radius[0])) };
}

/**
 * Draws a batch, sorts it by loss against each slot's own body (worst first), reseeds the worst (with
 * several bodies, as the body with the fewest slots) and damages the `damage.grids` best (or any but the
 * reseeded one, `damage.pick`), each with a random disc centred inside the target box (targetW x targetH,
 * centred) or on an alive cell (`damage.at`), or, at the chance `damage.cut`, a straight cut at a random
 * angle; with `damage.late`, returns the wounds for the rollout to inflict instead. All randomness from
 * `rng`; with no cuts, discs in the box, the best grids and no late damage it draws exactly what it drew
 * before any of these existed, so older runs resume and replay unchanged.
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
  const late: PendingWound[] = [];
  for (const s of damaged) {
    const wound = drawWound(pool, s, rng, damage, targetW, targetH);
    // Drawn after the wound, and only for late damage, so that runs without it replay unchanged.
    if (damage.late) late.push({ slot: s, wound, before: rng.int(damage.late[0], damage.late[1]) });
    else inflictWound(pool, s, wound);
  }
  // Remodelling: the best grids neither reseeded nor damaged change body (a random other one).
  const intact = slots.slice(1).filter((s) => !damaged.includes(s));
  const remodelled = remodel > 0 ? intact.slice(-remodel) : [];
  for (const s of remodelled) pool.bodies[s] = (pool.bodies[s] + rng.int(1, pool.bodyCount - 1)) % pool.bodyCount;
  return { slots, seeded: 1, damaged, remodelled, late };
}

/** Per position of the batch: its late wound, due `before` steps before a rollout of `steps` ends, or null. */
export function lateWounds(plan: BatchPlan, steps: number): (LateWound | null)[] {
  return plan.slots.map((slot) => {
    const late = plan.late.find((l) => l.slot === slot);
    return late ? { wound: late.wound, at: Math.max(0, steps - late.before) } : null;
  });
}
