/** What TypeScript and GLSL share has one source: the kernels hold no copy of it. */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { glslColour, glslFloat, SHARED_DEFINES } from '../../src/gpu/shared-defines.ts';
import { HASH_CONSTANTS } from '../../src/model/hash.ts';
import { ALIVE_THRESHOLD } from '../../src/model/state.ts';

const kernels = readdirSync('kernels')
  .filter((f) => /\.(glsl|vert)$/.test(f))
  .map((f) => [f, readFileSync(`kernels/${f}`, 'utf8')] as const);
// Code only: comments may name the numbers they explain.
const code = (text: string) => text.replace(/\/\/.*$/gm, '').replace(/\/\*[\s\S]*?\*\//g, '');

describe('shared constants', () => {
  it('the defines carry the TypeScript values', () => {
    expect(Math.fround(Number(SHARED_DEFINES.ALIVE_THRESHOLD))).toBe(ALIVE_THRESHOLD);
    expect(Number(SHARED_DEFINES.HASH_MOD)).toBe(HASH_CONSTANTS.MOD);
    expect(Number(SHARED_DEFINES.HASH_LIMB)).toBe(HASH_CONSTANTS.LIMB);
    expect(Number(SHARED_DEFINES.HASH_MUL_A)).toBe(HASH_CONSTANTS.MUL_A);
    expect(Number(SHARED_DEFINES.HASH_MUL_B)).toBe(HASH_CONSTANTS.MUL_B);
    expect(Number(SHARED_DEFINES.HASH_OFFSET)).toBe(HASH_CONSTANTS.OFFSET);
    expect(glslFloat(3)).toBe('3.0');
    expect(glslColour([255, 0, 51])).toBe('vec3(1.0, 0.0, 0.2)');
  });

  it.each(kernels)('%s holds no bare copy of a shared number', (_, text) => {
    const source = code(text);
    for (const value of [
      HASH_CONSTANTS.MOD,
      HASH_CONSTANTS.MOD / 2,
      HASH_CONSTANTS.MUL_A,
      HASH_CONSTANTS.MUL_B,
      HASH_CONSTANTS.OFFSET,
      HASH_CONSTANTS.LIMB,
    ]) {
      expect(source, `${value}`).not.toMatch(new RegExp(`\\b${value}(\\.0*)?\\b`));
    }
    // The alive threshold: no comparison with a literal 0.1.
    expect(source).not.toMatch(/[<>]=?\s*0?\.10*\b/);
    // Render modes by name (MODE_*), not by number.
    expect(source).not.toMatch(/u_mode\s*[<>=]/);
  });
});
