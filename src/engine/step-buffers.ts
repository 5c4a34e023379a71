/** The intermediate buffers of one step, each shaped by its layout (layouts.ts) and named for debug reads. */
import type REGL from 'regl';
import type { AtlasLayout } from '../gpu/atlas.ts';
import { createBuffer, type GpuBuffer } from '../gpu/buffer.ts';
import type { GpuCapabilities } from '../gpu/capabilities.ts';
import type { EngineLayouts } from './layouts.ts';

export interface StepBuffers {
  perception: GpuBuffer;
  regulation: GpuBuffer;
  hidden: GpuBuffer;
  candidate: GpuBuffer;
  life: GpuBuffer;
  survival: GpuBuffer;
  /** The gate's output and noise draws: only with a gate. */
  logits?: GpuBuffer;
  noise?: GpuBuffer;
  /** The hidden layer of a two-layer gate. */
  gateHidden?: GpuBuffer;
}

export function createStepBuffers(
  regl: REGL.Regl,
  caps: GpuCapabilities,
  layouts: EngineLayouts,
  gateLayers: number,
): StepBuffers {
  const buffer = (name: string, layout: AtlasLayout) => createBuffer(regl, caps, name, layout);
  return {
    perception: buffer('perception', layouts.perception),
    regulation: buffer('regulation', layouts.regulation),
    hidden: buffer('hidden', layouts.hidden),
    candidate: buffer('candidate', layouts.candidate),
    life: buffer('life', layouts.life),
    survival: buffer('survival', layouts.life),
    ...(gateLayers > 0 ? { logits: buffer('logits', layouts.logits), noise: buffer('noise', layouts.noise) } : {}),
    ...(gateLayers > 1 ? { gateHidden: buffer('gateHidden', layouts.gateHidden) } : {}),
  };
}

/** The buffers that exist, by name. */
export function namedBuffers(buffers: StepBuffers): Record<string, GpuBuffer> {
  const present = (entry: [string, GpuBuffer | undefined]): entry is [string, GpuBuffer] => entry[1] !== undefined;
  return Object.fromEntries(Object.entries(buffers).filter(present));
}
