/**
 * The counter-based hash behind every random choice of a step (fire, gate noise). WebGL1 GLSL has no
 * integer bit operations, so the hash is built from arithmetic that float32 does exactly: integers below
 * 2^24, products split into 12-bit limbs, divisions by powers of two only. The GLSL port computes the same
 * function step for step; JavaScript's doubles compute it exactly without limbs (every product < 2^53).
 *
 * Each input is added to the running value, then mixed: multiply by an odd constant (spreads low bits up),
 * fold the high bits down (h + h / 2^12), and the T-function h (2h + 1), whose square term breaks the
 * linearity that makes plain multiply-and-fold hashes correlate consecutive inputs.
 */

const MOD = 16777216; // 2^24
const FOLD = 4096; // 2^12
const MUL_A = 10368889; // odd, top 24 bits of the golden ratio
const MUL_B = 7046029; // odd
const OFFSET = 1234567; // keeps hash(0, 0, 0, 0, 0) away from the fixed point 0

export const SEED_MAX = MOD - 1;

/** The hash's constants, for the GLSL port (src/gpu/shared-defines.ts writes them as #defines). */
export const HASH_CONSTANTS = { MOD, LIMB: FOLD, MUL_A, MUL_B, OFFSET } as const;

/** Random streams: fire uses 0; gate noise for expert k uses 1 + 4k + j (j = 0..3, summed). */
export const FIRE_STREAM = 0;
export function noiseStream(expert: number, draw: number): number {
  return 1 + 4 * expert + draw;
}

const multiply = (h: number, m: number) => (h * m) % MOD;
const fold = (h: number) => (h + Math.floor(h / FOLD)) % MOD;
const square = (h: number) => (h * ((2 * h + 1) % MOD)) % MOD;

/** A bijection of [0, 2^24) that scatters neighbouring values. */
export function mix(h: number): number {
  return fold(multiply(fold(square(fold(multiply(h, MUL_A)))), MUL_B));
}

/** Uniform in [0, 1) with 2^-24 resolution, a pure function of its integer arguments (each reduced mod 2^24). */
export function hashUniform(x: number, y: number, step: number, seed: number, stream: number): number {
  let h = mix(((seed % MOD) + OFFSET) % MOD);
  h = mix((h + (x % MOD)) % MOD);
  h = mix((h + (y % MOD)) % MOD);
  h = mix((h + (step % MOD)) % MOD);
  h = mix((h + (stream % MOD)) % MOD);
  return mix(h) / MOD;
}

/**
 * Approximately standard normal: the sum of four uniforms, centred and scaled to unit variance
 * (Irwin-Hall). Chosen over Box-Muller because it needs no log or cos, so GLSL reproduces it to rounding.
 */
export function hashNormal(x: number, y: number, step: number, seed: number, expert: number): number {
  let sum = 0;
  for (let j = 0; j < 4; j++) sum += hashUniform(x, y, step, seed, noiseStream(expert, j));
  return (sum - 2) * Math.sqrt(3);
}
