/**
 * PNG files on the Node side (targets, renders), through pngjs. Reads always give 8-bit RGBA: pngjs expands
 * palettes, grey and RGB and scales 16-bit down. Writes are atomic (temp file in the same folder, then
 * rename), so a crash or a reader never sees half an image.
 */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { writeFileAtomic } from './atomic.ts';

export interface RgbaImage {
  width: number;
  height: number;
  /** width x height x 4 bytes, straight (not premultiplied) RGBA, row 0 at the top. */
  data: Uint8Array;
}

const SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];

export function readPng(path: string): RgbaImage {
  let bytes: Buffer;
  try {
    bytes = readFileSync(path);
  } catch (error) {
    throw new Error(`${path}: unreadable: ${(error as Error).message}`);
  }
  if (bytes.length < SIGNATURE.length || SIGNATURE.some((b, i) => bytes[i] !== b)) {
    throw new Error(`${path}: not a PNG (expected the 8-byte PNG signature)`);
  }
  let png: PNG;
  try {
    png = PNG.sync.read(bytes);
  } catch (error) {
    throw new Error(`${path}: not a valid PNG: ${(error as Error).message}`);
  }
  // A plain Uint8Array view: callers should not depend on Buffer.
  const data = new Uint8Array(png.data.buffer, png.data.byteOffset, png.data.length);
  return { width: png.width, height: png.height, data };
}

export function writePngAtomic(
  path: string,
  width: number,
  height: number,
  rgba: Uint8Array | Uint8ClampedArray,
): void {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new Error(`${path}: expected a positive integer width and height, got ${width}x${height}`);
  }
  if (rgba.length !== width * height * 4) {
    throw new Error(`${path}: expected ${width}x${height}x4 = ${width * height * 4} RGBA bytes, got ${rgba.length}`);
  }
  const png = new PNG({ width, height });
  png.data = Buffer.from(rgba.buffer, rgba.byteOffset, rgba.length);
  writeFileAtomic(path, PNG.sync.write(png));
}
