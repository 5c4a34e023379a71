/**
 * The structure of a genome file (format v1), as a zod schema. Shapes that depend on the architecture are
 * checked after this, in genome-file.ts; this schema catches missing fields, wrong types and absurd sizes.
 */
import { z } from 'zod';
import { LIMITS } from './genome.ts';
import { PERCEPTION_FILTERS } from './perception.ts';
import { got, int, object, text } from './schema-helpers.ts';

export const GENOME_FORMAT = 'epigenesis-genome';
export const GENOME_VERSION = 1;

const tensorSchema = object({
  dtype: z.enum(['float32', 'float16'], { error: (i) => `expected "float32" or "float16", got ${got(i.input)}` }),
  shape: z
    .array(int(1, 1 << 20), { error: (i) => `expected an array of sizes, got ${got(i.input)}` })
    .min(1, { error: 'expected at least one dimension' }),
  data: text,
});

const denseSchema = object({ w: tensorSchema, b: tensorSchema });

export const genomeFileSchema = object({
  format: z.literal(GENOME_FORMAT, { error: (i) => `expected "${GENOME_FORMAT}", got ${got(i.input)}` }),
  version: z.literal(GENOME_VERSION, { error: (i) => `expected ${GENOME_VERSION}, got ${got(i.input)}` }),
  metadata: object({
    name: text,
    description: text,
    provenance: z.record(z.string(), z.unknown(), { error: (i) => `expected an object, got ${got(i.input)}` }),
    attribution: text.optional(),
  }),
  architecture: object({
    channels: int(4, LIMITS.maxChannels),
    perception: z
      .array(
        z.enum(PERCEPTION_FILTERS, {
          error: (i) => `expected one of ${PERCEPTION_FILTERS.join(', ')}, got ${got(i.input)}`,
        }),
        { error: (i) => `expected an array of filter names, got ${got(i.input)}` },
      )
      .min(1, { error: 'expected at least one filter' })
      .max(PERCEPTION_FILTERS.length, { error: `expected at most ${PERCEPTION_FILTERS.length} filters` }),
    experts: z
      .array(object({ hidden: int(1, LIMITS.maxHidden) }), {
        error: (i) => `expected an array of experts, got ${got(i.input)}`,
      })
      .min(1, { error: `expected 1 to ${LIMITS.maxExperts} experts, got none` })
      .max(LIMITS.maxExperts, {
        error: (i) => `expected 1 to ${LIMITS.maxExperts} experts, got ${(i.input as unknown[]).length}`,
      }),
    gate: object({ hidden: int(0, LIMITS.maxHidden) }).nullable(),
    morphogens: int(0, LIMITS.maxMorphogens),
  }),
  regulation: z.record(z.string(), z.unknown(), { error: (i) => `expected an object, got ${got(i.input)}` }),
  weights: object({
    experts: z.array(object({ hidden: denseSchema, out: denseSchema }), {
      error: (i) => `expected an array, got ${got(i.input)}`,
    }),
    gate: z.array(denseSchema, { error: (i) => `expected an array of layers or null, got ${got(i.input)}` }).nullable(),
  }),
});

export type GenomeFile = z.infer<typeof genomeFileSchema>;
export type DenseFile = z.infer<typeof denseSchema>;
