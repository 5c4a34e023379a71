/**
 * Row gathers and scatters, dense layers and matMul as tfjs ops with hand-written gradients, for the tfjs
 * step. The gathers and scatters are plain loops over typed arrays read back from the backend: tfjs-wasm's
 * GatherV2 and ScatterNd are ~5x slower than a loop, and gather's built-in gradient needs a kernel wasm lacks
 * (UnsortedSegmentSum).
 */
import { tf } from './backend.ts';

type T = tf.Tensor;

export function rowsOf(x: T): [number, number] {
  return [x.shape[0], x.shape[1] as number];
}

export function gatherJs(data: Float32Array, cols: number, index: Int32Array): Float32Array {
  const out = new Float32Array(index.length * cols);
  for (let j = 0; j < index.length; j++) out.set(data.subarray(index[j] * cols, (index[j] + 1) * cols), j * cols);
  return out;
}

/** Adds row j of `rows` into row index[j] of `into` (in place; repeats sum). */
export function scatterAddJs(into: Float32Array, rows: Float32Array, cols: number, index: Int32Array): Float32Array {
  for (let j = 0; j < index.length; j++) {
    const to = index[j] * cols,
      from = j * cols;
    for (let c = 0; c < cols; c++) into[to + c] += rows[from + c];
  }
  return into;
}

export const read = (x: T) => x.dataSync() as Float32Array;

type GradFn = (...args: never[]) => { value: T; gradFunc: (dy: T, saved: T[]) => T | T[] };
/** tf.customGrad with the loose typing its overloads lack for multi-input functions. */
export function customGrad(f: GradFn): (...inputs: T[]) => T {
  return tf.customGrad(f as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as (...inputs: T[]) => T;
}

/** Rows `index` of x (n x D); the gradient scatters back, summing repeats. */
export function gatherRows(x: T, index: Int32Array): T {
  const [rows, cols] = rowsOf(x);
  return customGrad((input: T) => ({
    value: tf.tensor2d(gatherJs(read(input), cols, index), [index.length, cols]),
    gradFunc: (dy: T) => tf.tensor2d(scatterAddJs(new Float32Array(rows * cols), read(dy), cols, index), [rows, cols]),
  }))(x);
}

/** base with row j of x added into row index[j] (repeats sum). */
export function scatterAddRows(base: T, x: T, index: Int32Array): T {
  const [rows, cols] = rowsOf(base);
  return customGrad((b: T, input: T) => ({
    value: tf.tensor2d(scatterAddJs(read(b).slice(), read(input), cols, index), [rows, cols]),
    gradFunc: (dy: T) => [dy, tf.tensor2d(gatherJs(read(dy), cols, index), [index.length, cols])],
  }))(base, x);
}

/**
 * relu?(x W + b) as one op: tfjs's fused matMul forward, and a hand-written gradient that transposes
 * explicitly (tfjs-wasm runs a matMul with a transposed operand ~10x slower than a plain one, and the
 * built-in gradients use them). Only x, W and the output are kept for the backward pass: the rollout's
 * memory is mostly these, and wasm has 4 GB.
 */
export function dense(x: T, w: T, b: T, relu: boolean): T {
  return customGrad((a: T, kernel: T, bias: T, save: (tensors: T[]) => void) => {
    const activation = relu ? 'relu' : 'linear';
    const y = tf.fused.matMul({ a: a as tf.Tensor2D, b: kernel as tf.Tensor2D, bias, activation });
    save(relu ? [a, kernel, y] : [a, kernel]);
    return {
      value: y,
      gradFunc: (dy: T, saved: T[]) => {
        const dz = relu ? dy.mul(tf.step(saved[2])) : dy;
        // The bias gradient as ones x dz: wasm's Sum over axis 0 transposes first and is several times slower.
        const db = tf.matMul(tf.ones([1, dz.shape[0]]), dz).reshape([dz.shape[1] as number]);
        return [tf.matMul(dz, tf.transpose(saved[1])), tf.matMul(tf.transpose(saved[0]), dz), db];
      },
    };
  })(x, w, b);
}

/** x W, with the same explicit-transpose gradient. */
export function matMul(x: T, w: T): T {
  return customGrad((a: T, b: T, save: (tensors: T[]) => void) => {
    save([a, b]);
    return {
      value: tf.matMul(a, b),
      gradFunc: (dy: T, saved: T[]) => [tf.matMul(dy, tf.transpose(saved[1])), tf.matMul(tf.transpose(saved[0]), dy)],
    };
  })(x, w);
}
