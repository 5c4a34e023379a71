/**
 * What the passes of a step are built from (the compiled parts) and what they read each step (the props),
 * with the uniforms that several passes share.
 */
import type REGL from 'regl';
import { atlasUniform } from '../gpu/atlas.ts';
import type { GpuBuffer } from '../gpu/buffer.ts';
import type { Uniforms } from '../gpu/pass.ts';
import type { Genome } from '../model/genome.ts';
import { SEED_MAX } from '../model/hash.ts';
import type { RegulationParams } from '../model/params.ts';
import type { EngineLayouts, EngineSizes } from './layouts.ts';
import type { StepBuffers } from './step-buffers.ts';
import type { WeightTextures } from './weight-textures.ts';

/** What the passes read each step. */
export interface StepProps {
  cells: GpuBuffer;
  nextCells: GpuBuffer;
  fields: GpuBuffer;
  params: RegulationParams;
  /** The step counter of the random streams, reduced below 2^24 as the hash does. */
  step: number;
  seed: number;
}

/** One genome compiled for one grid: what each family of passes is built from. */
export interface StepParts {
  regl: REGL.Regl;
  genome: Genome;
  sizes: EngineSizes;
  layouts: EngineLayouts;
  buffers: StepBuffers;
  textures: WeightTextures;
}

/** A buffer read as `u_NAME` and `u_NAMELayout`: a fixed one, or one chosen per step from the props. */
export function bufferUniforms(name: string, source: GpuBuffer | ((p: StepProps) => GpuBuffer)): Uniforms<StepProps> {
  const pick = typeof source === 'function' ? source : () => source;
  return {
    [`u_${name}`]: (p) => pick(p).texture,
    [`u_${name}Layout`]: (p) => atlasUniform(pick(p).layout),
  };
}

/** The cells at t. */
export const cellsUniforms = bufferUniforms('cells', (p) => p.cells);

/** A weight texture as `u_weights` and its size. */
export const weightsUniforms = (texture: REGL.Texture2D): Uniforms<StepProps> => ({
  u_weights: () => texture,
  u_weightsSize: () => [texture.width, texture.height],
});

/** The step and seed of the random streams (src/model/hash.ts), the step reduced below 2^24 as the hash does. */
export const hashUniforms: Uniforms<StepProps> = {
  u_step: (p) => p.step % (SEED_MAX + 1),
  u_seed: (p) => p.seed,
};
