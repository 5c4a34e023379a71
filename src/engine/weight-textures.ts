/** The genome's weights packed (weights.ts) and uploaded as textures, one per dense layer group. */
import type REGL from 'regl';
import { textureData } from '../gpu/buffer.ts';
import type { GpuCapabilities } from '../gpu/capabilities.ts';
import type { Genome } from '../model/genome.ts';
import type { EngineSizes } from './layouts.ts';
import { packExpertHidden, packExpertOut, packGate, type WeightTexture } from './weights.ts';

export interface WeightTextures {
  /** Every expert's first layer, stacked. */
  hidden: REGL.Texture2D;
  /** Every expert's output layer, transposed. */
  out: REGL.Texture2D;
  /** The gate's layers in order; none without a gate. */
  gate: REGL.Texture2D[];
}

function upload(regl: REGL.Regl, caps: GpuCapabilities, weights: WeightTexture): REGL.Texture2D {
  return regl.texture({
    width: weights.width,
    height: weights.height,
    data: textureData(weights.data, caps),
    type: caps.textureType,
    format: 'rgba',
    min: 'nearest',
    mag: 'nearest',
  });
}

export function createWeightTextures(
  regl: REGL.Regl,
  caps: GpuCapabilities,
  genome: Genome,
  sizes: EngineSizes,
): WeightTextures {
  return {
    hidden: upload(regl, caps, packExpertHidden(genome, sizes)),
    out: upload(regl, caps, packExpertOut(genome, sizes)),
    gate: packGate(genome, sizes).map((layer) => upload(regl, caps, layer)),
  };
}

export function destroyWeightTextures(textures: WeightTextures): void {
  textures.hidden.destroy();
  textures.out.destroy();
  for (const texture of textures.gate) texture.destroy();
}
