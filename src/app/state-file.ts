/**
 * A grid's whole state as a JSON file (export, then load back later): typed arrays as base64 of their
 * little-endian bytes. Loading checks every field and names it in the error.
 */
import { base64ToBytes, bytesOf, bytesToBase64 } from '../model/base64.ts';
import type { CellState } from '../model/state.ts';

const FORMAT = 'epigenesis-state';

const ARRAYS = {
  state: Float32Array, marks: Float32Array, expression: Float32Array, morphogens: Float32Array,
  knockoutMask: Uint16Array, forced: Int8Array,
} as const;
type ArrayField = keyof typeof ARRAYS;


export function serializeState(state: CellState, genomeName: string): string {
  const { width, height, channels, experts, morphogenCount, step } = state;
  const arrays = Object.fromEntries((Object.keys(ARRAYS) as ArrayField[]).map((f) => [f, bytesToBase64(bytesOf(state[f]))]));
  return JSON.stringify({ format: FORMAT, version: 1, genome: genomeName, width, height, channels, experts, morphogenCount, step, ...arrays });
}

export function parseState(text: string, fileName: string): CellState {
  let json: Record<string, unknown>;
  try { json = JSON.parse(text); } catch (error) { throw new Error(`${fileName}: not JSON: ${(error as Error).message}`); }
  if (json?.format !== FORMAT) throw new Error(`${fileName}: field format: expected "${FORMAT}", got ${JSON.stringify(json?.format)}`);
  const int = (field: string) => {
    const v = json[field];
    if (!Number.isInteger(v) || (v as number) < 0) throw new Error(`${fileName}: field ${field}: expected a non-negative integer, got ${JSON.stringify(v)}`);
    return v as number;
  };
  const [width, height, channels, experts, morphogenCount, step] = ['width', 'height', 'channels', 'experts', 'morphogenCount', 'step'].map(int);
  const cells = width * height;
  const per: Record<ArrayField, number> = { state: channels, marks: experts, expression: experts, morphogens: morphogenCount, knockoutMask: 1, forced: 1 };
  const arrays = {} as Record<ArrayField, ArrayBufferView>;
  for (const field of Object.keys(ARRAYS) as ArrayField[]) {
    const bytes = typeof json[field] === 'string' ? base64ToBytes(json[field] as string) : null;
    if (!bytes) throw new Error(`${fileName}: field ${field}: expected base64 text`);
    const Type = ARRAYS[field];
    if (bytes.length !== cells * per[field] * Type.BYTES_PER_ELEMENT) {
      throw new Error(`${fileName}: field ${field}: expected ${cells * per[field]} values for a ${width}x${height} grid, got ${bytes.length / Type.BYTES_PER_ELEMENT}`);
    }
    arrays[field] = new Type(bytes.buffer as ArrayBuffer); // fromBase64 made a buffer of exactly these bytes
  }
  return { width, height, channels, experts, morphogenCount, step, ...arrays } as CellState;
}
