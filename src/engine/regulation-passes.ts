/**
 * The passes of the regulatory layer (docs/DESIGN.md, "One step", 2 to 5): the gate's layers and its noise
 * draws, then regulate, which turns logits and marks into new marks and the expression of each cell.
 */
import gateSource from '../../kernels/gate.glsl?raw';
import noiseSource from '../../kernels/noise.glsl?raw';
import regulateSource from '../../kernels/regulate.glsl?raw';
import type { GpuBuffer } from '../gpu/buffer.ts';
import { createPass, type Pass } from '../gpu/pass.ts';
import { knockoutBits } from '../model/reference.ts';
import {
  bufferUniforms,
  cellsUniforms,
  hashUniforms,
  weightsUniforms,
  type StepParts,
  type StepProps,
} from './step-context.ts';

/**
 * Layer i of the gate reads the output of layer i - 1 (layer 0: perception, marks and morphogens) and the
 * last writes the logits; then the noise draws. None without a gate.
 */
export function gatePasses({ regl, sizes, buffers, textures }: StepParts): Pass<StepProps>[] {
  const { logits, noise, gateHidden } = buffers;
  if (!logits || !noise) return [];
  const outputs = gateHidden ? [gateHidden, logits] : [logits];
  const layers = textures.gate.map((weights, i) => {
    const first = i === 0;
    const last = i === textures.gate.length - 1;
    return createPass<StepProps>(regl, {
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
        ...bufferUniforms('input0', first ? buffers.perception : outputs[i - 1]),
        ...bufferUniforms('input1', (p) => p.cells),
        u_input1First: () => sizes.stateSlots,
        ...bufferUniforms('input2', (p) => p.fields),
        u_input2First: () => 1,
        u_input2Scale: (p) => p.params.morphogenGain,
        ...weightsUniforms(weights),
      },
      target: () => outputs[i],
    });
  });
  return [...layers, noisePass({ regl, sizes }, noise)];
}

/** Draws only while sigma > 0; the quiet build of regulate does not read them. */
function noisePass({ regl, sizes }: Pick<StepParts, 'regl' | 'sizes'>, target: GpuBuffer): Pass<StepProps> {
  const noise = createPass<StepProps>(regl, {
    name: 'noise',
    source: noiseSource,
    defines: { EXPERTS: sizes.experts },
    uniforms: hashUniforms,
    target: () => target,
  });
  return {
    name: 'noise',
    target: noise.target,
    run: (p) => {
      if (p.params.noise > 0) noise.run(p);
    },
  };
}

/** Two builds of one pass: gate noise is compiled in only where sigma > 0. */
export function regulatePass(parts: StepParts): Pass<StepProps> {
  const [quiet, noisy] = [regulateBuild(parts, false), regulateBuild(parts, true)];
  return { name: 'regulate', target: quiet.target, run: (p) => (p.params.noise > 0 ? noisy : quiet).run(p) };
}

function regulateBuild({ regl, sizes, buffers }: StepParts, noise: boolean): Pass<StepProps> {
  return createPass<StepProps>(regl, {
    name: 'regulate',
    source: regulateSource,
    defines: {
      EXPERTS: sizes.experts,
      MARK_SLOTS: sizes.markSlots,
      STATE_SLOTS: sizes.stateSlots,
      HAS_GATE: buffers.logits ? 1 : 0,
      NOISE: noise ? 1 : 0,
    },
    uniforms: {
      ...cellsUniforms,
      // Without a gate there are no logits and no noise draws; any texture fills the unused samplers.
      ...bufferUniforms('logits', (p) => buffers.logits ?? p.cells),
      ...bufferUniforms('fields', (p) => p.fields),
      ...bufferUniforms('life', buffers.life),
      ...bufferUniforms('noiseDraws', (p) => buffers.noise ?? p.cells),
      u_temperature: (p) => p.params.temperature,
      u_plasticity: (p) => p.params.plasticity,
      u_noise: (p) => p.params.noise,
      u_topK: (p) => p.params.topK,
      u_threshold: (p) => p.params.threshold,
      u_globalKnockouts: (p) => knockoutBits(p.params.knockouts),
    },
    target: () => buffers.regulation,
  });
}
