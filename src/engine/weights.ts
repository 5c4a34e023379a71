/**
 * The genome's weights as float textures. A dense layer is a grid of 4x4 blocks: texture row o holds output
 * slot o; texels 4i..4i+3 of that row are the columns of the block from input slot i (texel 4i + c holds
 * the weights from input 4i + c to outputs 4o..4o+3), and bias texels follow the blocks (the experts'
 * output layers are stored transposed, see packExpertOut). Inputs that pad a
 * slot past the real count get zero weights, so padding never leaks into a result. Pure: tested in Node.
 */
import type { Dense, Genome } from '../model/genome.ts';
import type { EngineSizes } from './layouts.ts';

export interface WeightTexture {
  width: number;
  height: number;
  /** RGBA float data, width * height * 4. */
  data: Float32Array;
}

/** Where packed input (slot, component) comes from in the layer's input vector, or -1 for padding. */
type InputIndex = (slot: number, component: number) => number;

function createTexture(width: number, height: number): WeightTexture {
  return { width, height, data: new Float32Array(width * height * 4) };
}

/** Where the column for input (slot, c) of output slot o goes, as a texel index. */
type Placement = (outputSlot: number, inputSlot: number, component: number) => number;

/** Row o holds output slot o; the input blocks run along the row from `firstColumn`. */
const rowMajor =
  (texture: WeightTexture, firstRow: number, firstColumn: number): Placement =>
  (o, slot, c) =>
    (firstRow + o) * texture.width + firstColumn + slot * 4 + c;

function writeBlocks(
  texture: WeightTexture,
  layer: Dense,
  inputSlots: number,
  place: Placement,
  inputIndex: InputIndex,
): void {
  const outputSlots = Math.ceil(layer.outputs / 4);
  for (let o = 0; o < outputSlots; o++) {
    for (let slot = 0; slot < inputSlots; slot++) {
      for (let c = 0; c < 4; c++) {
        const input = inputIndex(slot, c);
        if (input < 0) continue;
        const texel = place(o, slot, c) * 4;
        for (let r = 0; r < 4; r++) {
          const output = o * 4 + r;
          if (output < layer.outputs) texture.data[texel + r] = layer.w[input * layer.outputs + output];
        }
      }
    }
  }
}

function writeBias(texture: WeightTexture, layer: Dense, firstRow: number, column: number): void {
  for (let output = 0; output < layer.outputs; output++) {
    texture.data[((firstRow + (output >> 2)) * texture.width + column) * 4 + (output & 3)] = layer.b[output];
  }
}

/** Perception slot f * S + s, component c is channel 4s + c through filter f. */
function perceptionInput(sizes: EngineSizes): InputIndex {
  return (slot, c) => {
    const filter = Math.floor(slot / sizes.stateSlots);
    const channel = (slot % sizes.stateSlots) * 4 + c;
    return channel < sizes.channels ? filter * sizes.channels + channel : -1;
  };
}

const plainInput =
  (count: number): InputIndex =>
  (slot, c) =>
    slot * 4 + c < count ? slot * 4 + c : -1;

/** All experts' first layers, stacked: rows = hidden slots of every expert (expert k from its start slot). */
export function packExpertHidden(genome: Genome, sizes: EngineSizes): WeightTexture {
  const texture = createTexture(sizes.perceptionSlots * 4 + 1, sizes.hiddenSlots);
  genome.experts.forEach((expert, k) => {
    writeBlocks(
      texture,
      expert.hidden,
      sizes.perceptionSlots,
      rowMajor(texture, sizes.expertSlotStart[k], 0),
      perceptionInput(sizes),
    );
    writeBias(texture, expert.hidden, sizes.expertSlotStart[k], sizes.perceptionSlots * 4);
  });
  return texture;
}

/**
 * All experts' output layers, transposed so that the texture stays narrow for any genome (a row-major
 * layout would be 4 x 2048 texels wide for 16 experts of 512): row j holds hidden slot j of every expert,
 * texel 4s + c of it the column from hidden unit 4(j - start_k) + c to outputs 4s..4s+3; row H + k holds
 * expert k's bias, texel s for outputs 4s..4s+3.
 */
export function packExpertOut(genome: Genome, sizes: EngineSizes): WeightTexture {
  const texture = createTexture(sizes.stateSlots * 4, sizes.hiddenSlots + sizes.experts);
  genome.experts.forEach((expert, k) => {
    const place: Placement = (s, slot, c) => (sizes.expertSlotStart[k] + slot) * texture.width + s * 4 + c;
    writeBlocks(texture, expert.out, sizes.expertSlotCount[k], place, plainInput(expert.out.inputs));
    for (let output = 0; output < expert.out.outputs; output++) {
      texture.data[((sizes.hiddenSlots + k) * texture.width + (output >> 2)) * 4 + (output & 3)] = expert.out.b[output];
    }
  });
  return texture;
}

/** The gate's layers. Layer 0 reads [perception | marks | morphogens] slot-concatenated. */
export function packGate(genome: Genome, sizes: EngineSizes): WeightTexture[] {
  if (!genome.gate) return [];
  const perception = perceptionInput(sizes);
  const P = sizes.channels * sizes.filters;
  const gateInput: InputIndex = (slot, c) => {
    if (slot < sizes.perceptionSlots) return perception(slot, c);
    const markSlot = slot - sizes.perceptionSlots;
    if (markSlot < sizes.markSlots) return markSlot * 4 + c < sizes.experts ? P + markSlot * 4 + c : -1;
    const morphogen = (markSlot - sizes.markSlots) * 4 + c;
    return morphogen < sizes.morphogens ? P + sizes.experts + morphogen : -1;
  };
  return genome.gate.layers.map((layer, i) => {
    const inputSlots =
      i === 0 ? sizes.perceptionSlots + sizes.markSlots + sizes.morphogenSlots : Math.ceil(layer.inputs / 4);
    const texture = createTexture(inputSlots * 4 + 1, Math.ceil(layer.outputs / 4));
    writeBlocks(texture, layer, inputSlots, rowMajor(texture, 0, 0), i === 0 ? gateInput : plainInput(layer.inputs));
    writeBias(texture, layer, 0, inputSlots * 4);
    return texture;
  });
}
