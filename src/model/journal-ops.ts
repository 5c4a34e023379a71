/**
 * A brush call as a share link carries it: which brush, its arguments, and the step it was made at. The
 * schema checks a link's calls before any is replayed, with the usual "field: expected ..., got ..." words.
 */
import { z } from 'zod';
import type { Disc } from './brushes.ts';
import { MAX_CLONE } from './clones.ts';
import { LIMITS } from './genome.ts';
import { got, int, num, object, parseOrThrow } from './schema-helpers.ts';

export type JournalOp = { step: number } & (
  | { op: 'erase' | 'reprogram'; disc: Disc }
  | { op: 'plantSeed'; x: number; y: number }
  | { op: 'knockout'; disc: Disc; expert: number | 'all'; on: boolean }
  | { op: 'force'; disc: Disc; expert: number | null }
  | { op: 'paintMorphogen'; disc: Disc; channel: number; value: number }
  | { op: 'markClone'; disc: Disc; label: number }
  | { op: 'clearClones' }
);

const side = LIMITS.maxGridSide;
const coordinate = num(-side, 2 * side);
const disc = object({ x: coordinate, y: coordinate, radius: num(0, side) });
const expert = int(0, LIMITS.maxExperts - 1);
const step = int(0, Number.MAX_SAFE_INTEGER);
const boolean = z.boolean({ error: (i) => `expected true or false, got ${got(i.input)}` });
const OPS = [
  'erase',
  'reprogram',
  'plantSeed',
  'knockout',
  'force',
  'paintMorphogen',
  'markClone',
  'clearClones',
] as const;

const opSchema = z.discriminatedUnion(
  'op',
  [
    object({ step, op: z.enum(['erase', 'reprogram']), disc }),
    object({ step, op: z.literal('plantSeed'), x: coordinate, y: coordinate }),
    object({
      step,
      op: z.literal('knockout'),
      disc,
      expert: z.union([expert, z.literal('all')], {
        error: (i) => `expected an expert index or "all", got ${got(i.input)}`,
      }),
      on: boolean,
    }),
    object({ step, op: z.literal('force'), disc, expert: expert.nullable() }),
    object({
      step,
      op: z.literal('paintMorphogen'),
      disc,
      channel: int(0, LIMITS.maxMorphogens - 1),
      value: num(-1e6, 1e6),
    }),
    object({ step, op: z.literal('markClone'), disc, label: int(1, MAX_CLONE) }),
    object({ step, op: z.literal('clearClones') }),
  ],
  {
    error: (i) =>
      typeof i.input === 'object' && i.input !== null && !Array.isArray(i.input)
        ? `expected one of ${OPS.join(', ')}, got ${got((i.input as { op?: unknown }).op)}`
        : `expected a brush call (an object with op, step and its arguments), got ${got(i.input)}`,
  },
);

const journalSchema = z.array(opSchema, { error: (i) => `expected a list of brush calls, got ${got(i.input)}` });

/** The calls, in the order they were made (their steps never go down); throws naming the call and field. */
export function parseJournal(json: unknown, context: string): JournalOp[] {
  const ops = parseOrThrow(journalSchema, json, context) as JournalOp[];
  const back = ops.findIndex((op, i) => i > 0 && op.step < ops[i - 1].step);
  if (back >= 0)
    throw new Error(
      `${context}: field [${back}].step: expected at least ${ops[back - 1].step} (the step of the call before), `
        + `got ${ops[back].step}`,
    );
  return ops;
}
