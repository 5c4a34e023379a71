/**
 * The passes of a step around the regulatory layer (regulation-passes.ts), by family: life and perceive
 * read the cells at t; hidden and update run the experts a cell expresses; survive and mask write t + 1.
 * The life and survive passes decide once per cell what the others read (alive, fires), so the costly
 * neighbourhood reads and the hash are not repeated for every slot.
 */
import hiddenSource from '../../kernels/hidden.glsl?raw';
import lifeSource from '../../kernels/life.glsl?raw';
import maskSource from '../../kernels/mask.glsl?raw';
import perceiveSource from '../../kernels/perceive.glsl?raw';
import surviveSource from '../../kernels/survive.glsl?raw';
import updateSource from '../../kernels/update.glsl?raw';
import { createPass, type Pass } from '../gpu/pass.ts';
import { KERNELS } from '../model/perception.ts';
import { filteredFunction, layerFunction } from './kernel-code.ts';
import { largestSlots } from './layouts.ts';
import {
  bufferUniforms,
  cellsUniforms,
  hashUniforms,
  weightsUniforms,
  type StepParts,
  type StepProps,
} from './step-context.ts';

/** Which cells live before the update and which fire (life), and the perception of every cell (perceive). */
export function lifePasses({ regl, genome, sizes, buffers }: StepParts): Pass<StepProps>[] {
  const life = createPass<StepProps>(regl, {
    name: 'life',
    source: lifeSource,
    defines: {},
    uniforms: { ...cellsUniforms, ...hashUniforms, u_fireRate: (p) => p.params.fireRate },
    target: () => buffers.life,
  });
  const perceive = createPass<StepProps>(regl, {
    name: 'perceive',
    source: perceiveSource,
    defines: { STATE_SLOTS: sizes.stateSlots, PERCEPTION_SLOTS: sizes.perceptionSlots },
    generated: filteredFunction(genome.architecture.perception.map((f) => KERNELS[f])),
    uniforms: cellsUniforms,
    target: () => buffers.perception,
  });
  return [life, perceive];
}

/** The first layer of each expressed expert into the packed hidden atlas (hidden), then their sum (update). */
export function expertPasses({ regl, sizes, layouts, buffers, textures }: StepParts): Pass<StepProps>[] {
  const experts = {
    u_expertStart: { length: sizes.experts, value: () => sizes.expertSlotStart },
    u_expertCount: { length: sizes.experts, value: () => sizes.expertSlotCount },
  };
  const hidden = createPass<StepProps>(regl, {
    name: 'hidden',
    source: hiddenSource,
    defines: { EXPERTS: sizes.experts, MARK_SLOTS: sizes.markSlots, PERCEPTION_SLOTS: sizes.perceptionSlots },
    generated: layerFunction(sizes, layouts.perception, textures.hidden.width),
    uniforms: {
      ...bufferUniforms('perception', buffers.perception),
      ...bufferUniforms('regulation', buffers.regulation),
      ...weightsUniforms(textures.hidden),
    },
    arrays: experts,
    target: () => buffers.hidden,
    // A cell expresses at most topK experts (forcing: one): it fills at most the slots of the topK largest.
    slots: (p) => largestSlots(sizes, p.params.topK),
  });
  const update = createPass<StepProps>(regl, {
    name: 'update',
    source: updateSource,
    defines: {
      EXPERTS: sizes.experts,
      MARK_SLOTS: sizes.markSlots,
      STATE_SLOTS: sizes.stateSlots,
      HIDDEN_SLOTS: sizes.hiddenSlots,
      MAX_EXPERT_SLOTS: Math.max(...sizes.expertSlotCount),
    },
    uniforms: {
      ...cellsUniforms,
      ...bufferUniforms('hidden', buffers.hidden),
      ...bufferUniforms('regulation', buffers.regulation),
      ...weightsUniforms(textures.out),
      u_ranks: (p) => Math.min(p.params.topK, sizes.experts),
      ...bufferUniforms('life', buffers.life),
    },
    arrays: experts,
    target: () => buffers.candidate,
  });
  return [hidden, update];
}

/** Which cells live after the update too (survive), then the cells at t + 1 (mask). */
export function maskPasses({ regl, sizes, buffers }: StepParts): Pass<StepProps>[] {
  const survive = createPass<StepProps>(regl, {
    name: 'survive',
    source: surviveSource,
    defines: {},
    uniforms: { ...bufferUniforms('life', buffers.life), ...bufferUniforms('candidate', buffers.candidate) },
    target: () => buffers.survival,
  });
  const mask = createPass<StepProps>(regl, {
    name: 'mask',
    source: maskSource,
    defines: { STATE_SLOTS: sizes.stateSlots, MARK_SLOTS: sizes.markSlots, EXPERTS: sizes.experts },
    uniforms: {
      ...cellsUniforms,
      ...bufferUniforms('candidate', buffers.candidate),
      ...bufferUniforms('regulation', buffers.regulation),
      ...bufferUniforms('survival', buffers.survival),
    },
    target: (p) => p.nextCells,
  });
  return [survive, mask];
}
