/**
 * Tissue labels derived from the target image itself: its opaque pixels clustered by colour (k-means in
 * RGB), so that a genome trained with them gives each visible part of the organism its own expert. A colour
 * can mark several parts: a ladybeetle's black makes its spots, on the red shell, and its head and legs,
 * off it. With `splitInside`, each colour but the body's (the largest cluster) is cut in two: the pixels
 * that the body surrounds (body pixels on both sides along their row and along their column) and the rest.
 * Deterministic: farthest-point initialisation, no random draws, so a config always derives the same labels.
 *
 * Cluster j labels expert j, clusters ordered by size (largest first). Pixels under `minAlpha`, and pixels
 * farther from their colour's centre than `maxDistance` (anti-aliased edges between two parts), stay
 * unlabelled (-1).
 */
import type { Rgba8 } from './data.ts';

export interface ColourClusterOptions {
  /** Colour clusters. */
  clusters: number;
  /** Cut each colour but the body's into its part inside the body and the rest (see above). */
  splitInside: boolean;
  /** Opacity in [0, 1] below which a pixel is not labelled. */
  minAlpha: number;
  /** Largest RGB distance (0-255 units) from a pixel to its colour's centre for it to be labelled. */
  maxDistance: number;
}

export interface ColourClusters {
  /** Per pixel: its cluster (= expert), or -1. */
  labels: Int8Array;
  /** RGB centres, 0-255, largest cluster first. */
  centres: [number, number, number][];
  /** Labelled pixels per cluster. */
  sizes: number[];
}

const ITERATIONS = 50;

type Point = readonly number[];

function distance2(a: Point, b: Point): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) sum += (a[i] - b[i]) ** 2;
  return sum;
}

function mean(points: Point[]): number[] {
  const sum = new Array<number>(points[0].length).fill(0);
  for (const p of points)
    p.forEach((v, i) => {
      sum[i] += v;
    });
  return sum.map((v) => v / points.length);
}

/**
 * k-means of `points` from the given first centre, further centres by farthest point; returns each point's
 * cluster. Ties go to the lower index, so the result depends on nothing but the input.
 */
function kMeans(points: Point[], k: number, first: Point): Int32Array {
  const centres: number[][] = [[...first]];
  while (centres.length < k) {
    let far = 0,
      farDistance = -1;
    points.forEach((p, j) => {
      const d = Math.min(...centres.map((c) => distance2(p, c)));
      if (d > farDistance) {
        far = j;
        farDistance = d;
      }
    });
    centres.push([...points[far]]);
  }
  const assignment = new Int32Array(points.length).fill(-1);
  for (let iteration = 0; iteration < ITERATIONS; iteration++) {
    let changed = false;
    points.forEach((p, j) => {
      let best = 0;
      for (let c = 1; c < k; c++) if (distance2(p, centres[c]) < distance2(p, centres[best])) best = c;
      if (best !== assignment[j]) changed = true;
      assignment[j] = best;
    });
    if (!changed) break;
    centres.forEach((_, c) => {
      const members = points.filter((_, j) => assignment[j] === c);
      if (members.length > 0) centres[c] = mean(members);
    });
  }
  return assignment;
}

/** The mean of the most frequent colour (quantised to 16 levels a channel, ties to the smaller key). */
function modalColour(colours: Point[]): number[] {
  const key = (c: Point) => ((c[0] >> 4) << 8) | ((c[1] >> 4) << 4) | (c[2] >> 4);
  const counts = new Map<number, number>();
  for (const c of colours) counts.set(key(c), (counts.get(key(c)) ?? 0) + 1);
  let bestKey = 0,
    bestCount = -1;
  for (const [k, count] of counts)
    if (count > bestCount || (count === bestCount && k < bestKey)) {
      bestKey = k;
      bestCount = count;
    }
  return mean(colours.filter((c) => key(c) === bestKey));
}

/** Per pixel of a W x H image: whether `isBody` pixels lie on both sides of it along its row and its column. */
function surrounded(width: number, height: number, isBody: (i: number) => boolean): Uint8Array {
  const out = new Uint8Array(width * height);
  const rowFirst = new Array<number>(height).fill(width),
    rowLast = new Array<number>(height).fill(-1);
  const colFirst = new Array<number>(width).fill(height),
    colLast = new Array<number>(width).fill(-1);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (!isBody(y * width + x)) continue;
      rowFirst[y] = Math.min(rowFirst[y], x);
      rowLast[y] = Math.max(rowLast[y], x);
      colFirst[x] = Math.min(colFirst[x], y);
      colLast[x] = Math.max(colLast[x], y);
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      out[y * width + x] = Number(rowFirst[y] < x && x < rowLast[y] && colFirst[x] < y && y < colLast[x]);
    }
  }
  return out;
}

/**
 * Clusters the opaque pixels of `image` by colour, then (splitInside) by place. Throws naming `where` when it
 * cannot.
 */
export function colourClusters(image: Rgba8, options: ColourClusterOptions, where: string): ColourClusters {
  const { clusters, splitInside, minAlpha, maxDistance } = options;
  const pixels: number[] = [];
  const colours: number[][] = [];
  const places: number[][] = [];
  for (let i = 0; i < image.width * image.height; i++) {
    if (image.data[i * 4 + 3] < minAlpha * 255) continue;
    pixels.push(i);
    colours.push([image.data[i * 4], image.data[i * 4 + 1], image.data[i * 4 + 2]]);
    places.push([i % image.width, Math.floor(i / image.width)]);
  }
  const distinct = new Set(colours.map((c) => c.join(','))).size;
  if (distinct < clusters) {
    throw new Error(
      `${where}: field clusters: expected at most the ${distinct} distinct colours of the target`
        + ` with alpha >= ${minAlpha}, got ${clusters}`,
    );
  }
  const assignment = kMeans(colours, clusters, modalColour(colours));
  const colourOf = Array.from({ length: clusters }, (_, c) => mean(colours.filter((_, j) => assignment[j] === c)));
  const colourIndex = Array.from({ length: clusters }, (_, c) => c);
  if (splitInside) {
    const sizes = colourIndex.map((c) => assignment.filter((a) => a === c).length);
    const body = colourIndex.reduce((best, c) => (sizes[c] > sizes[best] ? c : best), 0);
    const bodyAt = new Int32Array(image.width * image.height).fill(-1);
    pixels.forEach((pixel, j) => {
      bodyAt[pixel] = assignment[j];
    });
    const inside = surrounded(image.width, image.height, (i) => bodyAt[i] === body);
    for (let c = 0; c < clusters; c++) {
      if (c === body) continue;
      const members = pixels.flatMap((_, j) => (assignment[j] === c ? [j] : []));
      const within = members.filter((j) => inside[pixels[j]]);
      if (within.length === 0 || within.length === members.length) continue;
      const added = colourIndex.length;
      colourIndex.push(added);
      colourOf.push(colourOf[c]);
      for (const j of within) assignment[j] = added;
    }
  }
  const total = colourIndex.length;
  const counts = colourIndex.map((c) => assignment.filter((a) => a === c).length);
  const order = colourIndex.slice().sort((a, b) => counts[b] - counts[a] || a - b);
  const rank = new Int32Array(total);
  order.forEach((c, r) => {
    rank[c] = r;
  });
  const labels = new Int8Array(image.width * image.height).fill(-1);
  const sizes = new Array<number>(total).fill(0);
  colours.forEach((colour, j) => {
    const c = assignment[j];
    if (distance2(colour, colourOf[c]) > maxDistance * maxDistance) return;
    labels[pixels[j]] = rank[c];
    sizes[rank[c]]++;
  });
  return {
    labels,
    centres: order.map((c) => colourOf[c].map(Math.round) as [number, number, number]),
    sizes,
  };
}
