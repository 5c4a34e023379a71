/**
 * The compiled form of one genome on one grid: the intermediate buffers, the weight textures and the
 * ordered list of passes that make a step (docs/DESIGN.md, "One step"):
 *   life -> perceive -> gate layers [-> noise] -> regulate -> hidden -> update -> survive -> mask
 * Built whole before it replaces anything, so a genome that fails to compile leaves the running one alone.
 */
import type REGL from 'regl';
import { destroyBuffer, type GpuBuffer } from '../gpu/buffer.ts';
import type { GpuCapabilities } from '../gpu/capabilities.ts';
import type { Pass } from '../gpu/pass.ts';
import type { Genome } from '../model/genome.ts';
import { engineLayouts, engineSizes, type EngineLayouts, type EngineSizes } from './layouts.ts';
import { gatePasses, regulatePass } from './regulation-passes.ts';
import { createStepBuffers, namedBuffers } from './step-buffers.ts';
import type { StepParts, StepProps } from './step-context.ts';
import { expertPasses, lifePasses, maskPasses } from './step-passes.ts';
import { createWeightTextures, destroyWeightTextures } from './weight-textures.ts';

export type { StepProps } from './step-context.ts';

export interface StepProgram {
  sizes: EngineSizes;
  layouts: EngineLayouts;
  /** Intermediate buffers by name, for debug reads. */
  buffers: Record<string, GpuBuffer>;
  passes: Pass<StepProps>[];
  destroy(): void;
}

export function createStepProgram(
  regl: REGL.Regl,
  caps: GpuCapabilities,
  genome: Genome,
  width: number,
  height: number,
): StepProgram {
  const sizes = engineSizes(genome);
  const layouts = engineLayouts(sizes, width, height, caps.maxTextureSize);
  const textures = createWeightTextures(regl, caps, genome, sizes);
  const stepBuffers = createStepBuffers(regl, caps, layouts, textures.gate.length);
  const parts: StepParts = { regl, genome, sizes, layouts, textures, buffers: stepBuffers };
  const passes = [
    ...lifePasses(parts),
    ...gatePasses(parts),
    regulatePass(parts),
    ...expertPasses(parts),
    ...maskPasses(parts),
  ];
  const buffers = namedBuffers(stepBuffers);
  return {
    sizes,
    layouts,
    buffers,
    passes,
    destroy() {
      Object.values(buffers).forEach(destroyBuffer);
      destroyWeightTextures(textures);
    },
  };
}
