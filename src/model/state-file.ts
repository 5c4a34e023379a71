/**
 * A grid's whole state as a JSON file (the app's export, loaded back by the app and by `npm run sweep
 * --from-state`): typed arrays as base64 of their little-endian bytes. Loading checks every field with a
 * zod schema built from LIMITS, and names the field and what was expected in the error.
 */
import { z } from 'zod';
import { base64ToBytes, bytesOf, bytesToBase64 } from './base64.ts';
import { MAX_CLONE } from './clones.ts';
import { LIMITS } from './genome.ts';
import { got, int, object, parseOrThrow, text } from './schema-helpers.ts';
import type { CellState } from './state.ts';

const FORMAT = 'epigenesis-state';

const ARRAYS = {
  state: Float32Array,
  marks: Float32Array,
  expression: Float32Array,
  morphogens: Float32Array,
  knockoutMask: Uint16Array,
  forced: Int8Array,
  clones: Uint8Array,
} as const;
type ArrayField = keyof typeof ARRAYS;

const stateFileSchema = object({
  format: z.literal(FORMAT, { error: (i) => `expected "${FORMAT}", got ${got(i.input)}` }),
  version: z.literal(1, { error: (i) => `expected 1, got ${got(i.input)}` }),
  genome: text,
  width: int(3, LIMITS.maxGridSide),
  height: int(3, LIMITS.maxGridSide),
  channels: int(4, LIMITS.maxChannels),
  experts: int(1, LIMITS.maxExperts),
  morphogenCount: int(0, LIMITS.maxMorphogens),
  step: int(0, Number.MAX_SAFE_INTEGER),
  ...(Object.fromEntries(Object.keys(ARRAYS).map((field) => [field, text])) as Record<ArrayField, typeof text>),
  // Exports from before lineage tracing have no clone labels: they load with none.
  clones: text.optional(),
});

export function serializeState(state: CellState, genomeName: string): string {
  const { width, height, channels, experts, morphogenCount, step } = state;
  const arrays = Object.fromEntries(
    (Object.keys(ARRAYS) as ArrayField[]).map((f) => [f, bytesToBase64(bytesOf(state[f]))]),
  );
  return JSON.stringify({
    format: FORMAT,
    version: 1,
    genome: genomeName,
    width,
    height,
    channels,
    experts,
    morphogenCount,
    step,
    ...arrays,
  });
}

export function parseState(text: string, fileName: string): CellState {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new Error(`${fileName}: not JSON: ${(error as Error).message}`);
  }
  const file = parseOrThrow(stateFileSchema, json, fileName);
  const { width, height, channels, experts, morphogenCount, step } = file;
  const cells = width * height;
  const per: Record<ArrayField, number> = {
    state: channels,
    marks: experts,
    expression: experts,
    morphogens: morphogenCount,
    knockoutMask: 1,
    forced: 1,
    clones: 1,
  };
  const arrays = {} as Record<ArrayField, ArrayBufferView>;
  for (const field of Object.keys(ARRAYS) as ArrayField[]) {
    const encoded = file[field];
    if (encoded === undefined) {
      arrays[field] = new ARRAYS[field](cells * per[field]);
      continue;
    }
    const bytes = base64ToBytes(encoded);
    if (!bytes) throw new Error(`${fileName}: field ${field}: expected base64 text`);
    const Type = ARRAYS[field];
    if (bytes.length !== cells * per[field] * Type.BYTES_PER_ELEMENT) {
      throw new Error(
        `${fileName}: field ${field}: expected ${cells * per[field]} values for a ${width}x${height} grid, `
          + `got ${bytes.length / Type.BYTES_PER_ELEMENT}`,
      );
    }
    arrays[field] = new Type(bytes.buffer as ArrayBuffer); // base64ToBytes made a buffer of exactly these bytes
  }
  const labels = arrays.clones as Uint8Array;
  const stray = labels.findIndex((label) => label > MAX_CLONE);
  if (stray >= 0)
    throw new Error(
      `${fileName}: field clones: expected labels in [0, ${MAX_CLONE}], got ${labels[stray]} at cell ${stray}`,
    );
  return { width, height, channels, experts, morphogenCount, step, ...arrays } as CellState;
}
