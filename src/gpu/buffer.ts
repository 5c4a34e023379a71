/** A texture plus the framebuffer that renders into it, shaped by an atlas layout. */
import type REGL from 'regl';
import { Float16Array } from '@petamoriken/float16';
import type { AtlasLayout } from './atlas.ts';
import type { GpuCapabilities } from './capabilities.ts';

export interface GpuBuffer {
  name: string;
  layout: AtlasLayout;
  texture: REGL.Texture2D;
  framebuffer: REGL.Framebuffer2D;
}

/** Texel data in the format the texture type takes: float32 as is, half floats as their 16-bit patterns. */
export function textureData(data: Float32Array, caps: GpuCapabilities): Float32Array | Uint16Array {
  if (caps.textureType === 'float') return data;
  const half = new Float16Array(data);
  return new Uint16Array(half.buffer, half.byteOffset, half.length);
}

export function createBuffer(
  regl: REGL.Regl,
  caps: GpuCapabilities,
  name: string,
  layout: AtlasLayout,
  data?: Float32Array,
): GpuBuffer {
  const texture = regl.texture({
    width: layout.textureWidth,
    height: layout.textureHeight,
    type: caps.textureType,
    format: 'rgba',
    min: 'nearest',
    mag: 'nearest',
    wrapS: 'clamp',
    wrapT: 'clamp',
    ...(data ? { data: textureData(data, caps) } : {}),
  });
  const framebuffer = regl.framebuffer({ color: texture, depthStencil: false });
  return { name, layout, texture, framebuffer };
}

export function uploadBuffer(buffer: GpuBuffer, data: Float32Array, caps: GpuCapabilities): void {
  buffer.texture.subimage({
    width: buffer.layout.textureWidth,
    height: buffer.layout.textureHeight,
    data: textureData(data, caps),
  });
}

export function destroyBuffer(buffer: GpuBuffer): void {
  buffer.framebuffer.destroy();
  buffer.texture.destroy();
}

/** Two buffers of one layout: a pass reads `current` and writes `next`, then they swap. */
export class PingPong {
  constructor(
    public current: GpuBuffer,
    public next: GpuBuffer,
  ) {}

  swap(): void {
    [this.current, this.next] = [this.next, this.current];
  }

  destroy(): void {
    destroyBuffer(this.current);
    destroyBuffer(this.next);
  }
}
