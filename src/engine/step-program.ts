/**
 * The compiled form of one genome on one grid: the intermediate buffers, the weight textures and the
 * ordered list of passes that make a step (docs/DESIGN.md, "One step"):
 *   life -> perceive -> gate layers [-> noise] -> regulate -> hidden -> update -> survive -> mask
 * The life and survive passes decide once per cell what the others read (alive, fires), so the costly
 * neighbourhood reads and the hash are not repeated for every slot.
 * Built whole before it replaces anything, so a genome that fails to compile leaves the running one alone.
 */
import type REGL from 'regl';
import gateSource from '../../kernels/gate.glsl?raw';
import hiddenSource from '../../kernels/hidden.glsl?raw';
import lifeSource from '../../kernels/life.glsl?raw';
import maskSource from '../../kernels/mask.glsl?raw';
import noiseSource from '../../kernels/noise.glsl?raw';
import perceiveSource from '../../kernels/perceive.glsl?raw';
import regulateSource from '../../kernels/regulate.glsl?raw';
import surviveSource from '../../kernels/survive.glsl?raw';
import updateSource from '../../kernels/update.glsl?raw';
import { atlasUniform } from '../gpu/atlas.ts';
import { createBuffer, destroyBuffer, textureData, type GpuBuffer } from '../gpu/buffer.ts';
import type { GpuCapabilities } from '../gpu/capabilities.ts';
import { createPass, type Pass } from '../gpu/pass.ts';
import type { Genome } from '../model/genome.ts';
import { SEED_MAX } from '../model/hash.ts';
import type { RegulationParams } from '../model/params.ts';
import { KERNELS } from '../model/perception.ts';
import { knockoutBits } from '../model/reference.ts';
import { filteredFunction, layerFunction } from './kernel-code.ts';
import { engineLayouts, engineSizes, largestSlots, type EngineLayouts, type EngineSizes } from './layouts.ts';
import { packExpertHidden, packExpertOut, packGate, type WeightTexture } from './weights.ts';

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

export interface StepProgram {
  sizes: EngineSizes;
  layouts: EngineLayouts;
  /** Intermediate buffers by name, for debug reads. */
  buffers: Record<string, GpuBuffer>;
  passes: Pass<StepProps>[];
  destroy(): void;
}

function weightTexture(regl: REGL.Regl, caps: GpuCapabilities, weights: WeightTexture): REGL.Texture2D {
  return regl.texture({
    width: weights.width, height: weights.height, data: textureData(weights.data, caps),
    type: caps.textureType, format: 'rgba', min: 'nearest', mag: 'nearest',
  });
}

const hashStep = (props: StepProps) => props.step % (SEED_MAX + 1);

export function createStepProgram(regl: REGL.Regl, caps: GpuCapabilities, genome: Genome, width: number, height: number): StepProgram {
  const sizes = engineSizes(genome);
  const layouts = engineLayouts(sizes, width, height, caps.maxTextureSize);
  const buffers: Record<string, GpuBuffer> = {
    perception: createBuffer(regl, caps, 'perception', layouts.perception),
    regulation: createBuffer(regl, caps, 'regulation', layouts.regulation),
    hidden: createBuffer(regl, caps, 'hidden', layouts.hidden),
    candidate: createBuffer(regl, caps, 'candidate', layouts.candidate),
    life: createBuffer(regl, caps, 'life', layouts.life),
    survival: createBuffer(regl, caps, 'survival', layouts.life),
  };
  const gateLayers = packGate(genome, sizes);
  if (gateLayers.length > 0) buffers.logits = createBuffer(regl, caps, 'logits', layouts.logits);
  if (gateLayers.length > 1) buffers.gateHidden = createBuffer(regl, caps, 'gateHidden', layouts.gateHidden);
  if (gateLayers.length > 0) buffers.noise = createBuffer(regl, caps, 'noise', layouts.noise);
  const hiddenWeights = packExpertHidden(genome, sizes);
  const textures = {
    hidden: weightTexture(regl, caps, hiddenWeights),
    out: weightTexture(regl, caps, packExpertOut(genome, sizes)),
    gate: gateLayers.map((layer) => weightTexture(regl, caps, layer)),
  };
  const weightsSize = (texture: REGL.Texture2D) => () => [texture.width, texture.height];
  const cellsUniforms = { u_cells: (p: StepProps) => p.cells.texture, u_cellsLayout: (p: StepProps) => atlasUniform(p.cells.layout) };
  const read = (buffer: GpuBuffer, name: string) => ({
    [`u_${name}`]: () => buffer.texture,
    [`u_${name}Layout`]: () => atlasUniform(buffer.layout),
  });
  const fire = {
    u_fireRate: (p: StepProps) => p.params.fireRate,
    u_step: hashStep,
    u_seed: (p: StepProps) => p.seed,
  };
  const expertStart = { length: sizes.experts, value: () => sizes.expertSlotStart };
  const expertCount = { length: sizes.experts, value: () => sizes.expertSlotCount };

  const passes: Pass<StepProps>[] = [];
  passes.push(createPass<StepProps>(regl, {
    name: 'life',
    source: lifeSource,
    defines: {},
    uniforms: { ...cellsUniforms, ...fire },
    target: () => buffers.life,
  }));

  passes.push(createPass<StepProps>(regl, {
    name: 'perceive',
    source: perceiveSource,
    defines: { STATE_SLOTS: sizes.stateSlots, PERCEPTION_SLOTS: sizes.perceptionSlots },
    generated: filteredFunction(genome.architecture.perception.map((f) => KERNELS[f])),
    uniforms: cellsUniforms,
    target: () => buffers.perception,
  }));

  gateLayers.forEach((_, i) => {
    const first = i === 0;
    const last = i === gateLayers.length - 1;
    const target = last ? buffers.logits : buffers.gateHidden;
    passes.push(createPass<StepProps>(regl, {
      name: `gate${i}`,
      source: gateSource,
      defines: {
        INPUT0_SLOTS: first ? sizes.perceptionSlots : sizes.gateHiddenSlots,
        INPUT1_SLOTS: first ? sizes.markSlots : 0,
        INPUT2_SLOTS: first ? sizes.morphogenSlots : 0,
        OUTPUT_SLOTS: last ? sizes.markSlots : sizes.gateHiddenSlots,
        RELU: last ? 0 : 1,
      },
      uniforms: {
        ...(first ? read(buffers.perception, 'input0') : read(buffers.gateHidden, 'input0')),
        u_input1: (p) => p.cells.texture,
        u_input1Layout: (p) => atlasUniform(p.cells.layout),
        u_input1First: () => sizes.stateSlots,
        u_input2: (p) => p.fields.texture,
        u_input2Layout: (p) => atlasUniform(p.fields.layout),
        u_input2First: () => 1,
        u_input2Scale: (p) => p.params.morphogenGain,
        u_weights: () => textures.gate[i],
        u_weightsSize: weightsSize(textures.gate[i]),
      },
      target: () => target,
    }));
  });

  if (buffers.noise) {
    const noise = createPass<StepProps>(regl, {
      name: 'noise',
      source: noiseSource,
      defines: { EXPERTS: sizes.experts },
      uniforms: { u_step: hashStep, u_seed: (p) => p.seed },
      target: () => buffers.noise,
    });
    // Draws only while sigma > 0; the quiet build of regulate does not read them.
    passes.push({ name: 'noise', target: noise.target, run: (p) => { if (p.params.noise > 0) noise.run(p); } });
  }

  const regulate = (noise: boolean) => createPass<StepProps>(regl, {
    name: 'regulate',
    source: regulateSource,
    defines: { EXPERTS: sizes.experts, MARK_SLOTS: sizes.markSlots, STATE_SLOTS: sizes.stateSlots, HAS_GATE: gateLayers.length > 0 ? 1 : 0, NOISE: noise ? 1 : 0 },
    uniforms: {
      ...cellsUniforms,
      // Without a gate there are no logits; any texture fills the unused sampler.
      u_logits: (p) => (buffers.logits ?? p.cells).texture,
      u_logitsLayout: (p) => atlasUniform((buffers.logits ?? p.cells).layout),
      u_fields: (p) => p.fields.texture,
      u_fieldsLayout: (p) => atlasUniform(p.fields.layout),
      ...read(buffers.life, 'life'),
      // Without a gate there is no noise; any texture fills the unused sampler.
      u_noiseDraws: (p) => (buffers.noise ?? p.cells).texture,
      u_noiseDrawsLayout: (p) => atlasUniform((buffers.noise ?? p.cells).layout),
      u_temperature: (p) => p.params.temperature,
      u_plasticity: (p) => p.params.plasticity,
      u_noise: (p) => p.params.noise,
      u_topK: (p) => p.params.topK,
      u_threshold: (p) => p.params.threshold,
      u_globalKnockouts: (p) => knockoutBits(p.params.knockouts),
    },
    target: () => buffers.regulation,
  });
  // Two builds of one pass: gate noise is compiled in only where sigma > 0.
  const [quiet, noisy] = [regulate(false), regulate(true)];
  passes.push({ name: 'regulate', target: quiet.target, run: (p) => (p.params.noise > 0 ? noisy : quiet).run(p) });

  passes.push(createPass<StepProps>(regl, {
    name: 'hidden',
    source: hiddenSource,
    defines: { EXPERTS: sizes.experts, MARK_SLOTS: sizes.markSlots, PERCEPTION_SLOTS: sizes.perceptionSlots },
    generated: layerFunction(sizes, layouts.perception, hiddenWeights.width),
    uniforms: {
      ...read(buffers.perception, 'perception'),
      ...read(buffers.regulation, 'regulation'),
      u_weights: () => textures.hidden,
      u_weightsSize: weightsSize(textures.hidden),
    },
    arrays: { u_expertStart: expertStart, u_expertCount: expertCount },
    target: () => buffers.hidden,
    // A cell expresses at most topK experts (forcing: one): it fills at most the slots of the topK largest.
    slots: (p) => largestSlots(sizes, p.params.topK),
  }));

  passes.push(createPass<StepProps>(regl, {
    name: 'update',
    source: updateSource,
    defines: {
      EXPERTS: sizes.experts, MARK_SLOTS: sizes.markSlots, STATE_SLOTS: sizes.stateSlots,
      HIDDEN_SLOTS: sizes.hiddenSlots, MAX_EXPERT_SLOTS: Math.max(...sizes.expertSlotCount),
    },
    uniforms: {
      ...cellsUniforms,
      ...read(buffers.hidden, 'hidden'),
      ...read(buffers.regulation, 'regulation'),
      u_weights: () => textures.out,
      u_weightsSize: weightsSize(textures.out),
      u_ranks: (p) => Math.min(p.params.topK, sizes.experts),
      ...read(buffers.life, 'life'),
    },
    arrays: { u_expertStart: expertStart, u_expertCount: expertCount },
    target: () => buffers.candidate,
  }));

  passes.push(createPass<StepProps>(regl, {
    name: 'survive',
    source: surviveSource,
    defines: {},
    uniforms: { ...read(buffers.life, 'life'), ...read(buffers.candidate, 'candidate') },
    target: () => buffers.survival,
  }));

  passes.push(createPass<StepProps>(regl, {
    name: 'mask',
    source: maskSource,
    defines: { STATE_SLOTS: sizes.stateSlots, MARK_SLOTS: sizes.markSlots, EXPERTS: sizes.experts },
    uniforms: {
      ...cellsUniforms,
      ...read(buffers.candidate, 'candidate'),
      ...read(buffers.regulation, 'regulation'),
      ...read(buffers.survival, 'survival'),
    },
    target: (p) => p.nextCells,
  }));

  return {
    sizes,
    layouts,
    buffers,
    passes,
    destroy() {
      Object.values(buffers).forEach(destroyBuffer);
      textures.hidden.destroy();
      textures.out.destroy();
      textures.gate.forEach((t) => t.destroy());
    },
  };
}
