/**
 * Step 1 of the tfjs step: perception of the active cells only, by the reference's own perceiveCell, as one
 * op with a hand-written gradient (no conv ops: their backprop is missing on wasm, and perceiving every
 * cell to gather a few would waste the work).
 */
import type { Architecture } from '../model/genome.ts';
import { KERNELS, perceiveCell } from '../model/perception.ts';
import { tf } from './backend.ts';
import { customGrad, read, rowsOf } from './grad-ops.ts';

type T = tf.Tensor;

/**
 * Perception of the cells `index` of a batch of grids (state N x C), n x (C * F), by the reference's
 * perceiveCell (same taps, same order, same float32 rounding); its gradient is the transposed stencil.
 */
export function perceiveRows(state: T, arch: Architecture, width: number, height: number, index: Int32Array): T {
  const C = arch.channels;
  const F = arch.perception.length;
  const cells = width * height;
  const [rows] = rowsOf(state);
  const taps = arch.perception.map((f) => KERNELS[f]);
  return customGrad((input: T) => {
    const data = read(input);
    const out = new Float32Array(index.length * C * F);
    for (let j = 0; j < index.length; j++) {
      const b = Math.floor(index[j] / cells),
        cell = index[j] % cells;
      perceiveCell(
        data.subarray(b * cells * C, (b + 1) * cells * C),
        width,
        height,
        C,
        arch.perception,
        cell % width,
        Math.floor(cell / width),
        out.subarray(j * C * F, (j + 1) * C * F),
      );
    }
    return {
      value: tf.tensor2d(out, [index.length, C * F]),
      gradFunc: (dy: T) => {
        const d = read(dy);
        const dx = new Float32Array(rows * C);
        for (let j = 0; j < index.length; j++) {
          const b = Math.floor(index[j] / cells),
            cell = index[j] % cells;
          const x = cell % width,
            y = Math.floor(cell / width);
          for (let dyy = -1; dyy <= 1; dyy++) {
            const ny = (y + dyy + height) % height;
            for (let dxx = -1; dxx <= 1; dxx++) {
              const to = (b * cells + ny * width + ((x + dxx + width) % width)) * C;
              for (let f = 0; f < F; f++) {
                const w = taps[f][dyy + 1][dxx + 1];
                if (w === 0) continue;
                const from = (j * F + f) * C;
                for (let c = 0; c < C; c++) dx[to + c] += w * d[from + c];
              }
            }
          }
        }
        return tf.tensor2d(dx, [rows, C]);
      },
    };
  })(state);
}
