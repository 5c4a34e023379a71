/**
 * What the GPU can store: float32 render targets where it has them, half floats where it has only those,
 * and a clear error where it has neither. Read once per regl instance.
 */
import type REGL from 'regl';

export type Precision = 'float32' | 'float16';

export interface GpuCapabilities {
  precision: Precision;
  /** regl texture type for every simulation buffer. */
  textureType: 'float' | 'half float';
  maxTextureSize: number;
  maxTextureUnits: number;
  renderer: string;
}

/** Extensions the engine asks regl for; pass them as `optionalExtensions` when creating regl. */
export const ENGINE_EXTENSIONS = [
  'OES_texture_float',
  'WEBGL_color_buffer_float',
  'OES_texture_half_float',
  'EXT_color_buffer_half_float',
];

/** float16 keeps 11 significant bits: state values near 1 round to about 5e-4. */
export const HALF_FLOAT_PRECISION = 'float16: 11 significant bits, relative rounding about 4.9e-4 per stored value';

function canRenderTo(regl: REGL.Regl, type: 'float' | 'half float'): boolean {
  try {
    const texture = regl.texture({ width: 1, height: 1, type, format: 'rgba' });
    const framebuffer = regl.framebuffer({ color: texture, depthStencil: false });
    framebuffer.destroy();
    texture.destroy();
    return true;
  } catch {
    return false;
  }
}

/** `prefer` forces the half-float path (tests, and users comparing precision). */
export function detectCapabilities(regl: REGL.Regl, prefer: Precision = 'float32'): GpuCapabilities {
  const limits = regl.limits;
  const base = {
    maxTextureSize: limits.maxTextureSize,
    maxTextureUnits: limits.maxTextureUnits,
    renderer: limits.renderer,
  };
  if (prefer === 'float32' && regl.hasExtension('OES_texture_float') && canRenderTo(regl, 'float')) {
    return { ...base, precision: 'float32', textureType: 'float' };
  }
  if (regl.hasExtension('OES_texture_half_float') && canRenderTo(regl, 'half float')) {
    return { ...base, precision: 'float16', textureType: 'half float' };
  }
  throw new Error(
    `This browser's WebGL (${limits.renderer}) cannot render to float textures: it lacks OES_texture_float with `
      + 'WEBGL_color_buffer_float and OES_texture_half_float with EXT_color_buffer_half_float. Epigenesis needs one of '
      + 'them; try another browser or enable hardware acceleration.',
  );
}
