import type { Dense } from './genome.ts';

/**
 * out = x W + b, with optional ReLU. W is input-major so the inner loop runs over contiguous outputs, and
 * zero inputs (common: empty neighbourhoods, ReLU zeros) are skipped.
 */
export function denseForward(layer: Dense, x: Float32Array, out: Float32Array, relu: boolean): void {
  const { inputs, outputs, w, b } = layer;
  out.set(b);
  for (let i = 0; i < inputs; i++) {
    const xi = x[i];
    if (xi === 0) continue;
    const row = i * outputs;
    for (let o = 0; o < outputs; o++) out[o] += xi * w[row + o];
  }
  if (relu) for (let o = 0; o < outputs; o++) if (out[o] < 0) out[o] = 0;
}
