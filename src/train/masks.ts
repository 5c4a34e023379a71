/**
 * The hard, gradient-free choices of a step, computed in plain TypeScript on values read back from the
 * tensors: the alive mask (3x3 max of alpha > float32(0.1)), the fire mask (the reference's hash), gate
 * noise, and which experts a cell expresses (src/model/regulation.ts itself). The trainer feeds the results
 * back as constants, so its step makes exactly the reference's choices.
 */
import { FIRE_STREAM, HASH_CONSTANTS, hashNormal, hashUniform, mix } from '../model/hash.ts';
import { expressionFromMarks } from '../model/regulation.ts';
import { ALIVE_THRESHOLD } from '../model/state.ts';

/** Alive mask of a batch of B grids (alpha given per cell, cell-major per grid, grids one after another). */
export function aliveMaskBatch(alpha: Float32Array, batch: number, width: number, height: number): Uint8Array {
  const cells = width * height;
  const above = new Uint8Array(alpha.length);
  for (let i = 0; i < alpha.length; i++) above[i] = alpha[i] > ALIVE_THRESHOLD ? 1 : 0;
  // Separable 3x3 max on the torus: rows, then columns.
  const rows = new Uint8Array(alpha.length);
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < height; y++) {
      const base = b * cells + y * width;
      for (let x = 0; x < width; x++) {
        rows[base + x] = above[base + x] | above[base + ((x + 1) % width)] | above[base + ((x + width - 1) % width)];
      }
    }
  }
  const mask = new Uint8Array(alpha.length);
  for (let b = 0; b < batch; b++) {
    for (let y = 0; y < height; y++) {
      const up = b * cells + ((y + height - 1) % height) * width;
      const down = b * cells + ((y + 1) % height) * width;
      const here = b * cells + y * width;
      for (let x = 0; x < width; x++) mask[here + x] = rows[up + x] | rows[here + x] | rows[down + x];
    }
  }
  return mask;
}

const { MOD, OFFSET } = HASH_CONSTANTS;

/**
 * The fire mask of many steps of one grid without recomputing the hash's (seed, x, y) prefix each step:
 * hashUniform(x, y, step, seed, 0) < fround(fireRate), bit for bit (the same chain of mixes, split).
 */
export class FireMask {
  private readonly prefix: Float64Array;

  constructor(
    readonly width: number,
    readonly height: number,
    readonly seed: number,
    readonly fireRate: number,
  ) {
    this.prefix = new Float64Array(width * height);
    const h0 = mix(((seed % MOD) + OFFSET) % MOD);
    for (let x = 0; x < width; x++) {
      const hx = mix((h0 + (x % MOD)) % MOD);
      for (let y = 0; y < height; y++) this.prefix[y * width + x] = mix((hx + (y % MOD)) % MOD);
    }
  }

  fires(cell: number, step: number): boolean {
    let h = mix((this.prefix[cell] + (step % MOD)) % MOD);
    h = mix((h + FIRE_STREAM) % MOD);
    return mix(h) / MOD < Math.fround(this.fireRate);
  }
}

/** The slow, obvious form, for tests: the reference's own predicate. */
export function firesReference(x: number, y: number, step: number, seed: number, fireRate: number): boolean {
  return hashUniform(x, y, step, seed, FIRE_STREAM) < Math.fround(fireRate);
}

/** Gate noise of one cell: sigma * hashNormal per expert, as the reference adds it. */
export function gateNoise(
  x: number,
  y: number,
  step: number,
  seed: number,
  sigma: number,
  experts: number,
  out: Float32Array,
  offset: number,
): void {
  for (let k = 0; k < experts; k++) out[offset + k] = sigma * hashNormal(x, y, step, seed, k);
}

export interface ExpressionChoice {
  /** n x K: 1 where the expert is kept from the marks (0 for forced rows). */
  keep: Float32Array;
  /** n x K: one-hot of a forced expert, else 0. */
  forced: Float32Array;
  /** n: 1 where nothing is kept (the renormalising sum would be 0), so the division stays finite. */
  empty: Float32Array;
  /** Per expert, the rows that express it: the cells whose work sparse evaluation does. */
  rows: number[][];
  /** Kept (cell, expert) pairs over all pairs: 1 = dense. */
  density: number;
}

/**
 * Which experts each of n cells expresses, decided by the reference's own expressionFromMarks on the marks
 * as float32; `knockouts` and `forced` per row (bitmask, -1 = none), `topK` for all rows or per row.
 */
export function chooseExpression(
  marks: Float32Array,
  experts: number,
  topK: number | Uint8Array,
  threshold: number,
  knockouts: Uint16Array | number,
  forced: Int8Array | null,
): ExpressionChoice {
  const n = marks.length / experts;
  const keep = new Float32Array(n * experts);
  const forcedOut = new Float32Array(n * experts);
  const empty = new Float32Array(n);
  const rows: number[][] = Array.from({ length: experts }, () => []);
  const out = new Float32Array(experts);
  let kept = 0;
  for (let i = 0; i < n; i++) {
    const f = forced ? forced[i] : -1;
    const bits = typeof knockouts === 'number' ? knockouts : knockouts[i];
    const k = typeof topK === 'number' ? topK : topK[i];
    expressionFromMarks(
      marks.subarray(i * experts, (i + 1) * experts),
      { topK: k, threshold, knockoutBits: bits, forced: f },
      out,
    );
    let any = false;
    for (let k = 0; k < experts; k++) {
      if (out[k] > 0) {
        any = true;
        kept++;
        rows[k].push(i);
        if (f >= 0) forcedOut[i * experts + k] = 1;
        else keep[i * experts + k] = 1;
      }
    }
    if (!any || f >= 0) empty[i] = 1;
  }
  return { keep, forced: forcedOut, empty, rows, density: n ? kept / (n * experts) : 1 };
}
