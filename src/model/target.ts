/**
 * Target images and the loss against them, as Growing-NCA defines them: RGBA as floats in [0, 1] with RGB
 * premultiplied by alpha (the state's channels 0-3 hold premultiplied colour), centred on a zero-padded grid,
 * and the mean squared error over every pixel's four channels.
 */
import { ALPHA_CHANNEL, type CellState } from './state.ts';

/** The Growing-NCA emoji sheet (presets/growing-ca/emoji-targets.png): ten 40x40 tiles in a row. */
export const EMOJI_TILE = 40;
export const EMOJI_NAMES = [
  'lizard',
  'grinning face',
  'collision',
  'eye',
  'tropical fish',
  'butterfly',
  'lady beetle',
  'spider web',
  'pretzel',
  'christmas tree',
] as const;

/** 8-bit straight RGBA -> float RGBA in [0, 1] with RGB multiplied by alpha. */
export function premultiplyRgba8(rgba: Uint8Array | Uint8ClampedArray, width: number, height: number): Float32Array {
  const pixels = width * height;
  if (rgba.length !== pixels * 4) {
    throw new Error(`image: expected ${width}x${height}x4 = ${pixels * 4} RGBA bytes, got ${rgba.length}`);
  }
  const out = new Float32Array(pixels * 4);
  for (let i = 0; i < pixels * 4; i += 4) {
    const alpha = rgba[i + 3] / 255;
    for (let c = 0; c < 3; c++) out[i + c] = (rgba[i + c] / 255) * alpha;
    out[i + 3] = alpha;
  }
  return out;
}

/** Tile `index` (left to right) of a horizontal sheet of square tiles, as 8-bit RGBA. */
export function sheetTile(
  rgba: Uint8Array | Uint8ClampedArray,
  sheetWidth: number,
  sheetHeight: number,
  index: number,
  tile = EMOJI_TILE,
): Uint8Array {
  if (rgba.length !== sheetWidth * sheetHeight * 4) {
    throw new Error(
      `sheet: expected ${sheetWidth}x${sheetHeight}x4 = ${sheetWidth * sheetHeight * 4} bytes, got ${rgba.length}`,
    );
  }
  if (sheetHeight !== tile)
    throw new Error(`sheet: expected a height of ${tile} (one row of tiles), got ${sheetHeight}`);
  const count = Math.floor(sheetWidth / tile);
  if (!Number.isInteger(index) || index < 0 || index >= count) {
    throw new Error(`sheet: tile index: expected an integer in [0, ${count - 1}], got ${index}`);
  }
  const out = new Uint8Array(tile * tile * 4);
  for (let y = 0; y < tile; y++) {
    const from = (y * sheetWidth + index * tile) * 4;
    out.set(rgba.subarray(from, from + tile * 4), y * tile * 4);
  }
  return out;
}

/**
 * Places a tw x th RGBA target at the centre of a gridW x gridH field of zeros (offset floor of half the
 * margin, so a 40x40 target on 72x72 gets 16 pixels on every side, as Growing-NCA pads it).
 */
export function padTarget(target: Float32Array, tw: number, th: number, gridW: number, gridH: number): Float32Array {
  if (target.length !== tw * th * 4)
    throw new Error(`target: expected ${tw}x${th}x4 = ${tw * th * 4} values, got ${target.length}`);
  if (tw > gridW || th > gridH) {
    throw new Error(`target: a ${tw}x${th} target does not fit a ${gridW}x${gridH} grid`);
  }
  const out = new Float32Array(gridW * gridH * 4);
  const left = Math.floor((gridW - tw) / 2);
  const top = Math.floor((gridH - th) / 2);
  for (let y = 0; y < th; y++) {
    out.set(target.subarray(y * tw * 4, (y + 1) * tw * 4), ((top + y) * gridW + left) * 4);
  }
  return out;
}

/**
 * Where a loss lies, as shares of it that sum to the whole: the cells where the target is opaque (alpha at
 * least one half: the organism's body and its limbs), where it is translucent (its antialiased rim), and
 * where it is empty (halo and debris); and, across all three, the alpha channel's part. A lady beetle
 * without legs loses most of its error in `body`, and there in `alpha`.
 */
export interface LossParts {
  body: number;
  rim: number;
  outside: number;
  alpha: number;
}

/** The RGBA loss (below) and its parts, in one pass. */
export function rgbaLossParts(grid: CellState, target: Float32Array): LossParts & { total: number } {
  const { width, height, channels, state } = grid;
  const cells = width * height;
  if (channels <= ALPHA_CHANNEL) throw new Error(`rgbaLoss: expected at least 4 channels (RGBA), got ${channels}`);
  if (target.length !== cells * 4) {
    throw new Error(`rgbaLoss: expected a ${width}x${height}x4 = ${cells * 4} value target, got ${target.length}`);
  }
  const parts = { body: 0, rim: 0, outside: 0, alpha: 0 };
  for (let cell = 0; cell < cells; cell++) {
    let sum = 0;
    for (let c = 0; c < 4; c++) {
      const d = state[cell * channels + c] - target[cell * 4 + c];
      sum += d * d;
      if (c === ALPHA_CHANNEL) parts.alpha += d * d;
    }
    const opacity = target[cell * 4 + ALPHA_CHANNEL];
    if (opacity >= 0.5) parts.body += sum;
    else if (opacity > 0) parts.rim += sum;
    else parts.outside += sum;
  }
  const n = cells * 4;
  const shares = { body: parts.body / n, rim: parts.rim / n, outside: parts.outside / n, alpha: parts.alpha / n };
  return { total: shares.body + shares.rim + shares.outside, ...shares };
}

/**
 * Mean squared error over W x H x 4 between the state's channels 0-3 and a grid-sized padded target.
 * The raw channels, not clamped: Growing-NCA trains and reports its loss on them as they are.
 */
export function rgbaLoss(grid: CellState, target: Float32Array): number {
  return rgbaLossParts(grid, target).total;
}
