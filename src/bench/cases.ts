/**
 * The GPU benchmark cases: a genome, a grid size, overrides of its regulation, and a state in which every
 * cell is alive. Cells come in square "tissues" of one random vector each, so neighbouring cells choose
 * the same experts as in a differentiated organism; `tissue: 1` gives salt-and-pepper types instead, where
 * neighbours on one SIMD unit express different experts (the packed hidden atlas should make it cost what
 * tissues cost; this case checks that it does).
 */
import type { Architecture, Genome } from '../model/genome.ts';
import type { RegulationOverrides } from '../model/params.ts';
import { randomGenome, seededRandom } from '../model/random-genome.ts';
import { createEmptyState, type CellState } from '../model/state.ts';

export interface BenchCase {
  name: string;
  genome: Genome;
  size: number;
  params: RegulationOverrides;
  /** Side of the square tissues of identical cells. */
  tissue: number;
  /** Lineage tracing on: a clone marked over the middle of the grid, so the clone pass runs every step. */
  tracing?: boolean;
}

export function tissueState(genome: Genome, size: number, tissue: number, seed: number): CellState {
  const grid = createEmptyState(genome, size, size);
  const random = seededRandom(seed);
  const tiles = Math.ceil(size / tissue);
  const channels = grid.channels;
  const vectors = Array.from({ length: tiles * tiles }, () =>
    Array.from({ length: channels }, (_, c) => (c === 3 ? 0.5 + 0.5 * random() : random() * 2 - 1)),
  );
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const vector = vectors[Math.floor(y / tissue) * tiles + Math.floor(x / tissue)];
      grid.state.set(vector, (y * size + x) * channels);
    }
  }
  return grid;
}

/** K = 4 experts with the lizard's total hidden size (4 x 32 = 128), a linear gate. */
export function sparseGenome(): Genome {
  const architecture: Architecture = {
    channels: 16,
    perception: ['identity', 'sobel_x', 'sobel_y'],
    expertHidden: [32, 32, 32, 32],
    gateHidden: 0,
    morphogens: 0,
  };
  return randomGenome(architecture, { seed: 11, outputScale: 0.05, name: 'bench-k4' });
}

export function benchCases(lizard: Genome, sizes: number[], sparseSize: number): BenchCase[] {
  const k4 = sparseGenome();
  const s = `${sparseSize}x${sparseSize}`;
  return [
    ...sizes.map((size) => ({ name: `lizard K=1 ${size}x${size}`, genome: lizard, size, params: {}, tissue: 16 })),
    ...[4, 2, 1].map((topK) => ({
      name: `K=4 top-k ${topK} ${s}`,
      genome: k4,
      size: sparseSize,
      params: { topK },
      tissue: 16,
    })),
    { name: `K=4 top-k 1 ${s}, salt-and-pepper types`, genome: k4, size: sparseSize, params: { topK: 1 }, tissue: 1 },
    {
      name: `K=4 top-k 1 ${s}, lineage tracing`,
      genome: k4,
      size: sparseSize,
      params: { topK: 1 },
      tissue: 16,
      tracing: true,
    },
  ];
}
