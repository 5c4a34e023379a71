/**
 * Reading a buffer back to the CPU, for tests, export and snapshots (never per frame). float32 buffers are
 * read as they are; half-float buffers, which regl.read refuses, go through a pass that writes their 16-bit
 * patterns into an RGBA8 texture twice as wide.
 */
import { FULL_SCREEN } from './full-screen.ts';
import type REGL from 'regl';
import { Float16Array } from '@petamoriken/float16';
import packSource from '../../kernels/pack-half.glsl?raw';
import type { GpuBuffer } from './buffer.ts';
import type { GpuCapabilities } from './capabilities.ts';

export type Reader = (buffer: GpuBuffer) => Float32Array;

export function createReader(regl: REGL.Regl, caps: GpuCapabilities): Reader {
  if (caps.textureType === 'float') {
    return (buffer) => regl.read({ framebuffer: buffer.framebuffer }) as Float32Array;
  }
  const packed = regl.framebuffer({ width: 2, height: 1, colorType: 'uint8', depthStencil: false });
  const pack = regl({
    ...FULL_SCREEN,
    frag: packSource,
    framebuffer: packed,
    uniforms: {
      u_source: regl.prop<{ source: REGL.Texture2D; size: number[] }, 'source'>('source'),
      u_sourceSize: regl.prop<{ source: REGL.Texture2D; size: number[] }, 'size'>('size'),
    },
  });
  return (buffer) => {
    const { textureWidth: width, textureHeight: height } = buffer.layout;
    packed.resize(width * 2, height);
    pack({ source: buffer.texture, size: [width, height] });
    const bytes = regl.read({ framebuffer: packed }) as Uint8Array;
    const bits = new Uint16Array(bytes.length / 2);
    for (let i = 0; i < bits.length; i++) bits[i] = bytes[2 * i] * 256 + bytes[2 * i + 1];
    return Float32Array.from(new Float16Array(bits.buffer));
  };
}
