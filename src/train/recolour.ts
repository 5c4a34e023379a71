/**
 * A target recoloured into a genome's palette: what a gate alone can aim at. Regulation chooses and places
 * what the experts draw; it cannot call up a colour that none of them makes (docs/experiments/regulation-only).
 * So a new organism for fixed experts is drawn in their colours: both images are clustered by colour (the
 * k-means of the tissue labels, optionally with their split of each colour into the part on the body and the
 * part off it), and source cluster i takes the colour of palette cluster order[i], by default the i-th
 * largest. Every pixel keeps its alpha; a pixel too faint to be clustered takes its nearest cluster's colour.
 * With `paint` instead of an order, only the named source clusters take a palette colour and every other pixel
 * keeps its own, shading and all: with the source as its own palette, one part painted in another's colour
 * (the ladybeetle's spots in its shell's red: a spotless lady beetle).
 */
import { colourClusters } from './colour-labels.ts';
import type { Rgba8 } from './data.ts';

/** Opacity from which a pixel counts towards the clusters (fainter edge pixels are recoloured, not clustered). */
const CLUSTER_MIN_ALPHA = 0.5;
/** Larger than any RGB distance: every opaque pixel belongs to a cluster. */
const ANY_DISTANCE = 1000;

export interface RecolourOptions {
  /** Colour clusters in each image. */
  colours: number;
  /** Cut each colour but the body's into its part inside the body and the rest (colour-labels.ts). */
  splitInside?: boolean;
  /** Source cluster i takes palette cluster order[i]'s colour (clusters largest first); default 0, 1, 2, ... */
  order?: number[];
  /** [i, j]: source cluster i takes palette cluster j's colour, the other clusters keep their pixels. */
  paint?: [number, number][];
}

export interface Recoloured {
  image: Rgba8;
  /** Per source cluster, largest first: its mean colour and the palette colour it became (RGB, 0-255). */
  mapping: { from: number[]; to: number[]; pixels: number }[];
}

function clustersOf(image: Rgba8, options: RecolourOptions, where: string) {
  const { colours: clusters, splitInside = false } = options;
  return colourClusters(
    image,
    { clusters, splitInside, minAlpha: CLUSTER_MIN_ALPHA, maxDistance: ANY_DISTANCE },
    where,
  );
}

/** The cluster of pixel `i`: its label, or for a pixel too faint to be labelled the nearest centre's. */
function clusterAt(image: Rgba8, labels: Int8Array, centres: number[][], i: number): number {
  if (labels[i] >= 0) return labels[i];
  const rgb = image.data.subarray(i * 4, i * 4 + 3);
  const distance = (c: number[]) => (rgb[0] - c[0]) ** 2 + (rgb[1] - c[1]) ** 2 + (rgb[2] - c[2]) ** 2;
  return centres.reduce((best, c, j) => (distance(c) < distance(centres[best]) ? j : best), 0);
}

/** Per source cluster, the palette cluster whose colour it takes, or null where it keeps its own pixels. */
function paintedClusters(options: RecolourOptions, count: number): (number | null)[] {
  const inRange = (c: number) => Number.isInteger(c) && c >= 0 && c < count;
  if (options.paint && options.order) throw new Error('paint: expected either an order or clusters to paint, not both');
  if (options.paint) {
    const painted: (number | null)[] = Array(count).fill(null);
    for (const [from, into] of options.paint) {
      if (!inRange(from) || !inRange(into)) {
        throw new Error(`paint: expected clusters 0..${count - 1}, got ${from}:${into}`);
      }
      painted[from] = into;
    }
    return painted;
  }
  const order = options.order ?? Array.from({ length: count }, (_, i) => i);
  if (order.length !== count || [...order].sort((a, b) => a - b).some((c, i) => c !== i)) {
    throw new Error(`order: expected an order of the ${count} clusters 0..${count - 1}, got ${order.join(',')}`);
  }
  return order;
}

export function recolourToPalette(
  source: Rgba8,
  palette: Rgba8,
  options: RecolourOptions,
  where: { source: string; palette: string },
): Recoloured {
  const from = clustersOf(source, options, where.source);
  const to = clustersOf(palette, options, where.palette);
  const count = from.centres.length;
  if (to.centres.length !== count) {
    throw new Error(
      `${where.palette}: expected ${count} colour clusters like ${where.source}, got ${to.centres.length}`,
    );
  }
  const painted = paintedClusters(options, count);
  const data = new Uint8Array(source.data.length);
  for (let i = 0; i < source.width * source.height; i++) {
    const alpha = source.data[i * 4 + 3];
    if (alpha === 0) continue;
    const into = painted[clusterAt(source, from.labels, from.centres, i)];
    const [r, g, b] = into === null ? source.data.subarray(i * 4, i * 4 + 3) : to.centres[into];
    data.set([Math.round(r), Math.round(g), Math.round(b), alpha], i * 4);
  }
  return {
    image: { width: source.width, height: source.height, data },
    mapping: from.centres.map((centre, c) => ({
      from: centre.map(Math.round),
      to: (painted[c] === null ? centre : to.centres[painted[c]]).map(Math.round),
      pixels: from.sizes[c],
    })),
  };
}
