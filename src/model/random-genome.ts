/**
 * Untrained genomes with seeded random weights: a starting point for training, the untrained preset, and
 * the random genomes that tests run through every implementation of the step.
 */
import { gateInputSize, perceptionSize, type Architecture, type Dense, type Genome } from './genome.ts';
import type { RegulationOverrides } from './params.ts';
import { Rng } from './rng.ts';

/** Uniform numbers in [0, 1) from `seed` (the project's PRNG, rng.ts). */
export function seededRandom(seed: number): () => number {
  const rng = new Rng(seed);
  return () => rng.next();
}

/** Uniform in [-scale, scale] * sqrt(3 / inputs) (variance-preserving for inputs of unit variance). */
export function randomDense(inputs: number, outputs: number, random: () => number, scale = 1): Dense {
  const bound = scale * Math.sqrt(3 / inputs);
  const w = Float32Array.from({ length: inputs * outputs }, () => (random() * 2 - 1) * bound);
  const b = Float32Array.from({ length: outputs }, () => (random() * 2 - 1) * bound * 0.1);
  return { inputs, outputs, w, b };
}

export interface RandomGenomeOptions {
  seed: number;
  /** Scale of the experts' output layers: small keeps an untrained organism from exploding at once. */
  outputScale?: number;
  regulation?: RegulationOverrides;
  name?: string;
}

export function randomGenome(architecture: Architecture, options: RandomGenomeOptions): Genome {
  const random = seededRandom(options.seed);
  const arch = {
    ...architecture,
    perception: [...architecture.perception],
    expertHidden: [...architecture.expertHidden],
  };
  const experts = arch.expertHidden.map((hidden) => ({
    hidden: randomDense(perceptionSize(arch), hidden, random),
    out: randomDense(hidden, arch.channels, random, options.outputScale ?? 0.1),
  }));
  const K = arch.expertHidden.length;
  let gate = null;
  if (arch.gateHidden === 0) gate = { layers: [randomDense(gateInputSize(arch), K, random)] };
  else if (arch.gateHidden !== null) {
    gate = {
      layers: [randomDense(gateInputSize(arch), arch.gateHidden, random), randomDense(arch.gateHidden, K, random)],
    };
  }
  return {
    architecture: arch,
    experts,
    gate,
    regulation: { ...options.regulation },
    metadata: {
      name: options.name ?? `random-k${K}-c${arch.channels}`,
      description: 'Untrained: seeded random weights. It runs every code path but grows no particular shape.',
      provenance: { generator: 'randomGenome', seed: options.seed },
    },
  };
}
