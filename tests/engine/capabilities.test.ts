import type REGL from 'regl';
import { describe, expect, it } from 'vitest';
import { detectCapabilities } from '../../src/gpu/capabilities.ts';

/** A stand-in for regl with the given extensions, whose float framebuffers succeed only where `renders` says. */
function fakeRegl(extensions: string[], renders: string[]): REGL.Regl {
  return {
    limits: { maxTextureSize: 4096, maxTextureUnits: 16, renderer: 'test GPU' },
    hasExtension: (name: string) => extensions.includes(name),
    texture: (options: { type: string }) => ({ type: options.type, destroy() {} }),
    framebuffer: (options: { color: { type: string } }) => {
      if (!renders.includes(options.color.type)) throw new Error('framebuffer configuration not supported');
      return { destroy() {} };
    },
  } as unknown as REGL.Regl;
}

describe('GPU capabilities', () => {
  it('take float32 render targets where they exist', () => {
    expect(
      detectCapabilities(fakeRegl(['OES_texture_float', 'OES_texture_half_float'], ['float', 'half float'])).precision,
    ).toBe('float32');
  });

  it('fall back to half floats where float32 cannot be rendered to', () => {
    const caps = detectCapabilities(fakeRegl(['OES_texture_float', 'OES_texture_half_float'], ['half float']));
    expect([caps.precision, caps.textureType]).toEqual(['float16', 'half float']);
  });

  it('give a clear error where neither can', () => {
    expect(() => detectCapabilities(fakeRegl(['OES_texture_float'], []))).toThrow(
      "This browser's WebGL (test GPU) cannot render to float textures: it lacks OES_texture_float with "
        + 'WEBGL_color_buffer_float and OES_texture_half_float with EXT_color_buffer_half_float',
    );
  });
});
