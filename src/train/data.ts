/**
 * From images to what training reads: the target premultiplied and centred on the grid, tissue labels from
 * the colours of a second image (each expert's colour in the app's palette names that expert), morphogen
 * fields. Pure: the CLI reads the PNGs.
 */
import { EXPERT_COLOURS } from '../model/palette.ts';
import { padTarget, premultiplyRgba8, sheetTile } from '../model/target.ts';
import { morphogenFields, type MorphogenField } from '../model/morphogen-fields.ts';
import type { TrainingData } from './loop.ts';
import { colourClusters, type ColourClusterOptions } from './colour-labels.ts';

export interface Rgba8 {
  width: number;
  height: number;
  data: Uint8Array;
}

/** Where tissue labels come from: an image painted in the expert palette, or the target's colour clusters. */
export type TissueSource = { image: Rgba8 } | { clusters: ColourClusterOptions } | null;

/** A tile of a sheet when `tile` is given, else the whole image. Errors name `where`. */
export function cropImage(image: Rgba8, tile: number | undefined, tileSize: number, where: string): Rgba8 {
  if (tile === undefined) return image;
  const count = Math.floor(image.width / tileSize);
  if (image.height !== tileSize || tile >= count) {
    throw new Error(
      `${where}: field tile: expected a tile index in [0, ${Math.max(0, count - 1)}] of a ${tileSize}-pixel-high sheet,`
        + ` got tile ${tile} of a ${image.width}x${image.height} image`,
    );
  }
  return { width: tileSize, height: tileSize, data: sheetTile(image.data, image.width, image.height, tile, tileSize) };
}

/** Labels per pixel: the nearest of the first K palette colours where alpha >= 128, else -1. */
export function tissueLabels(image: Rgba8, experts: number): Int8Array {
  const labels = new Int8Array(image.width * image.height).fill(-1);
  for (let i = 0; i < labels.length; i++) {
    if (image.data[i * 4 + 3] < 128) continue;
    let best = 0,
      bestDistance = Infinity;
    for (let k = 0; k < experts; k++) {
      const c = EXPERT_COLOURS[k];
      const d =
        (image.data[i * 4] - c[0]) ** 2 + (image.data[i * 4 + 1] - c[1]) ** 2 + (image.data[i * 4 + 2] - c[2]) ** 2;
      if (d < bestDistance) {
        best = k;
        bestDistance = d;
      }
    }
    labels[i] = best;
  }
  return labels;
}

function padLabels(labels: Int8Array, tw: number, th: number, width: number, height: number): Int8Array {
  const out = new Int8Array(width * height).fill(-1);
  const left = Math.floor((width - tw) / 2),
    top = Math.floor((height - th) / 2);
  for (let y = 0; y < th; y++) out.set(labels.subarray(y * tw, (y + 1) * tw), (top + y) * width + left);
  return out;
}

/** One body to grow: its target image and the environment signal it grows in (0 for single-body runs). */
export interface BodySource {
  image: Rgba8;
  environment: number;
  name: string;
}

export interface TrainingDataOptions {
  bodies: BodySource[];
  tissue: TissueSource;
  /** Names the tissue image (or the clusters' config field) in errors. */
  tissueName: string;
  experts: number;
  fields: readonly MorphogenField[];
  grid: { width: number; height: number };
  /** The positional fields run from 0 to 1 across this many cells, centred on the grid (default: the grid). */
  morphogenScale?: { width: number; height: number };
}

/**
 * The run's data. Errors name the images: a target larger than the grid, a tissue image of another size.
 * Tissue labels go with the first (only) body.
 */
export function trainingData(options: TrainingDataOptions): TrainingData {
  const { bodies, tissue, tissueName, experts, fields } = options;
  const { width, height } = options.grid;
  const morphogenScale = options.morphogenScale ?? options.grid;
  for (const { image, name } of bodies) {
    if (image.width > width || image.height > height) {
      throw new Error(
        `${name}: the target is ${image.width}x${image.height}, larger than the ${width}x${height} grid (field grid);`
          + ` expected at most ${width}x${height}`,
      );
    }
  }
  const target = bodies[0].image;
  let labels: Int8Array | null = null;
  if (tissue && 'image' in tissue) {
    const { image } = tissue;
    if (image.width !== target.width || image.height !== target.height) {
      throw new Error(
        `${tissueName}: expected a tissue image as large as the target (${target.width}x${target.height}),`
          + ` got ${image.width}x${image.height}`,
      );
    }
    labels = padLabels(tissueLabels(image, experts), image.width, image.height, width, height);
  } else if (tissue) {
    const clusters = colourClusters(target, tissue.clusters, tissueName);
    if (clusters.sizes.length > experts) {
      throw new Error(
        `${tissueName}: expected at most ${experts} clusters (one per expert),`
          + ` got ${clusters.sizes.length} after splitInside`,
      );
    }
    labels = padLabels(clusters.labels, target.width, target.height, width, height);
  }
  const padded = bodies.map(({ image, environment }) => ({
    target: padTarget(
      premultiplyRgba8(image.data, image.width, image.height),
      image.width,
      image.height,
      width,
      height,
    ),
    environment,
  }));
  return {
    target: padded[0].target,
    bodies: padded,
    targetWidth: Math.max(...bodies.map((b) => b.image.width)),
    targetHeight: Math.max(...bodies.map((b) => b.image.height)),
    tissue: labels,
    morphogens: morphogenFields(fields, width, height, morphogenScale.width, morphogenScale.height),
    environmentChannels: fields.flatMap((f, m) => (f === 'environment' ? [m] : [])),
  };
}
