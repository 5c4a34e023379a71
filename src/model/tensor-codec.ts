/**
 * Weight tensors in a genome file: little-endian float32 or float16, base64 text. float16 halves the file;
 * weights decode to float32 either way.
 */
import { Float16Array } from '@petamoriken/float16';
import { base64ToBytes, bytesOf, bytesToBase64 } from './base64.ts';

export type WeightDtype = 'float32' | 'float16';

export interface EncodedTensor {
  dtype: WeightDtype;
  shape: number[];
  data: string;
}

const BYTES: Record<WeightDtype, number> = { float32: 4, float16: 2 };
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export function elementCount(shape: readonly number[]): number {
  return shape.reduce((n, d) => n * d, 1);
}

export function encodeTensor(values: Float32Array, shape: number[], dtype: WeightDtype): EncodedTensor {
  const typed = dtype === 'float16' ? new Float16Array(values) : values;
  return { dtype, shape: [...shape], data: bytesToBase64(bytesOf(typed)) };
}

/**
 * Decodes a tensor whose dtype and shape are already validated. `where` names the file and field for errors:
 * malformed base64, a byte length that does not match the shape, and NaN or Infinity values.
 */
export function decodeTensor(tensor: EncodedTensor, where: string): Float32Array {
  const count = elementCount(tensor.shape);
  const expectedBytes = count * BYTES[tensor.dtype];
  const expectedChars = Math.ceil(expectedBytes / 3) * 4;
  if (tensor.data.length % 4 !== 0 || !BASE64.test(tensor.data)) {
    throw new Error(
      `${where}.data: expected base64 text (A-Z a-z 0-9 + /, padded with =), `
        + `got ${tensor.data.length} characters that are not`,
    );
  }
  const bytes = base64ToBytes(tensor.data) ?? new Uint8Array(0);
  if (bytes.length !== expectedBytes) {
    throw new Error(
      `${where}.data: expected ${expectedChars} base64 characters `
        + `(${expectedBytes} bytes: ${count} ${tensor.dtype} values for shape [${tensor.shape.join(', ')}]), `
        + `got ${tensor.data.length} characters (${bytes.length} bytes)`,
    );
  }
  const values =
    tensor.dtype === 'float16' ? Float32Array.from(new Float16Array(bytes.buffer)) : new Float32Array(bytes.buffer);
  const bad = values.findIndex((v) => !Number.isFinite(v));
  if (bad >= 0) throw new Error(`${where}.data: expected finite numbers, got ${values[bad]} at index ${bad}`);
  return values;
}
