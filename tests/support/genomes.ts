/** Seeded random genomes for tests, in the shape most of them use. */
import type { Architecture, Genome } from '../../src/model/genome.ts';
import { randomGenome, type RandomGenomeOptions } from '../../src/model/random-genome.ts';

/** What a test names of an architecture: its sizes at least; the rest as `testArchitecture` fills it. */
export type TestArchitecture = Pick<Architecture, 'channels' | 'expertHidden'> & Partial<Architecture>;

/** The Growing-NCA filters (identity, Sobel x and y), a linear gate and no morphogens, unless `overrides` say. */
export function testArchitecture(overrides: TestArchitecture): Architecture {
  return { perception: ['identity', 'sobel_x', 'sobel_y'], gateHidden: 0, morphogens: 0, ...overrides };
}

export function testGenome(architecture: TestArchitecture, options: RandomGenomeOptions): Genome {
  return randomGenome(testArchitecture(architecture), options);
}
