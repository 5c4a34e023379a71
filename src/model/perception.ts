/**
 * Perception filters: 3x3 kernels applied by cross-correlation on the wrapped grid.
 * KERNELS[f][dy + 1][dx + 1] weighs the neighbour at (x + dx, y + dy); x runs along columns, y down rows.
 */

export const PERCEPTION_FILTERS = ['identity', 'sobel_x', 'sobel_y', 'laplacian'] as const;
export type PerceptionFilter = (typeof PERCEPTION_FILTERS)[number];

type Kernel3 = readonly [
  readonly [number, number, number],
  readonly [number, number, number],
  readonly [number, number, number],
];

export const KERNELS: Record<PerceptionFilter, Kernel3> = {
  identity: [
    [0, 0, 0],
    [0, 1, 0],
    [0, 0, 0],
  ],
  sobel_x: [
    [-1 / 8, 0, 1 / 8],
    [-2 / 8, 0, 2 / 8],
    [-1 / 8, 0, 1 / 8],
  ],
  sobel_y: [
    [-1 / 8, -2 / 8, -1 / 8],
    [0, 0, 0],
    [1 / 8, 2 / 8, 1 / 8],
  ],
  // The 9-point Laplacian used by the self-organising texture models.
  laplacian: [
    [1 / 16, 2 / 16, 1 / 16],
    [2 / 16, -12 / 16, 2 / 16],
    [1 / 16, 2 / 16, 1 / 16],
  ],
};

/**
 * Writes the perception vector of cell (x, y) into `out` (length C * F), filter-major: all channels through
 * the first filter, then all through the second, ...
 */
export function perceiveCell(
  state: Float32Array,
  width: number,
  height: number,
  channels: number,
  filters: readonly PerceptionFilter[],
  x: number,
  y: number,
  out: Float32Array,
): void {
  out.fill(0, 0, channels * filters.length);
  for (let dy = -1; dy <= 1; dy++) {
    const ny = (y + dy + height) % height;
    for (let dx = -1; dx <= 1; dx++) {
      const nx = (x + dx + width) % width;
      const base = (ny * width + nx) * channels;
      for (let f = 0; f < filters.length; f++) {
        const weight = KERNELS[filters[f]][dy + 1][dx + 1];
        if (weight === 0) continue;
        const offset = f * channels;
        for (let c = 0; c < channels; c++) out[offset + c] += weight * state[base + c];
      }
    }
  }
}
