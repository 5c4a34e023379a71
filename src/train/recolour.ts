/**
 * A target recoloured into a genome's palette: what a gate alone can aim at. Regulation chooses and places
 * what the experts draw; it cannot call up a colour that none of them makes (docs/experiments/regulation-only).
 * So a new organism for fixed experts is drawn in their colours: both images are clustered by colour (the
 * k-means of the tissue labels), and the i-th largest colour of the source takes the colour of the i-th
 * largest of the palette image. Every pixel keeps its alpha and takes the colour of its nearest source cluster.
 */
import { colourClusters } from './colour-labels.ts';
import type { Rgba8 } from './data.ts';

/** Opacity from which a pixel counts towards the clusters (fainter edge pixels are recoloured, not clustered). */
const CLUSTER_MIN_ALPHA = 0.5;
/** Larger than any RGB distance: every opaque pixel belongs to a cluster. */
const ANY_DISTANCE = 1000;

export interface Recoloured {
  image: Rgba8;
  /** Per source cluster, largest first: its mean colour and the palette colour it became (RGB, 0-255). */
  mapping: { from: number[]; to: number[]; pixels: number }[];
}

function clustersBySize(image: Rgba8, colours: number, where: string) {
  const options = { clusters: colours, splitInside: false, minAlpha: CLUSTER_MIN_ALPHA, maxDistance: ANY_DISTANCE };
  // colourClusters orders its clusters largest first.
  const { centres, sizes } = colourClusters(image, options, where);
  return centres.map((centre, i) => ({ centre, size: sizes[i] }));
}

export function recolourToPalette(
  source: Rgba8,
  palette: Rgba8,
  colours: number,
  where: { source: string; palette: string },
): Recoloured {
  const from = clustersBySize(source, colours, where.source);
  const to = clustersBySize(palette, colours, where.palette);
  const data = new Uint8Array(source.data.length);
  for (let i = 0; i < data.length; i += 4) {
    const alpha = source.data[i + 3];
    if (alpha === 0) continue;
    let nearest = 0;
    let nearestDistance = Number.POSITIVE_INFINITY;
    from.forEach(({ centre }, c) => {
      const d =
        (source.data[i] - centre[0]) ** 2
        + (source.data[i + 1] - centre[1]) ** 2
        + (source.data[i + 2] - centre[2]) ** 2;
      if (d < nearestDistance) {
        nearest = c;
        nearestDistance = d;
      }
    });
    const [r, g, b] = to[nearest].centre;
    data.set([Math.round(r), Math.round(g), Math.round(b), alpha], i);
  }
  return {
    image: { width: source.width, height: source.height, data },
    mapping: from.map((f, c) => ({ from: f.centre.map(Math.round), to: to[c].centre.map(Math.round), pixels: f.size })),
  };
}
