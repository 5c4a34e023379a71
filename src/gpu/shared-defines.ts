/**
 * What the kernels share with TypeScript, written once in TypeScript and handed to every shader as
 * #defines by the pass factory (fragmentSource): the alive threshold and the hash's constants. A kernel
 * that holds its own copy of one of these numbers fails tests/gpu/shared-defines.test.ts.
 */
import { HASH_CONSTANTS } from '../model/hash.ts';
import type { Rgb } from '../model/palette.ts';
import { ALIVE_THRESHOLD } from '../model/state.ts';

/** A GLSL float literal for `value` (as many digits as JavaScript prints: it reads back exactly). */
export function glslFloat(value: number): string {
  const text = String(value);
  return /[.e]/.test(text) ? text : `${text}.0`;
}

/** An 8-bit colour as a GLSL vec3 in [0, 1]. */
export function glslColour(colour: Rgb): string {
  return `vec3(${colour.map((c) => glslFloat(c / 255)).join(', ')})`;
}

export const SHARED_DEFINES: Record<string, string> = {
  ALIVE_THRESHOLD: glslFloat(ALIVE_THRESHOLD),
  HASH_MOD: glslFloat(HASH_CONSTANTS.MOD),
  HASH_LIMB: glslFloat(HASH_CONSTANTS.LIMB),
  HASH_MUL_A: glslFloat(HASH_CONSTANTS.MUL_A),
  HASH_MUL_B: glslFloat(HASH_CONSTANTS.MUL_B),
  HASH_OFFSET: glslFloat(HASH_CONSTANTS.OFFSET),
};
