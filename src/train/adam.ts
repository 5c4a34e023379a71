/**
 * Adam on plain Float32Arrays, with the per-variable gradient normalisation of Growing-NCA (each variable's
 * gradient divided by its L2 norm before the update), and a step learning-rate schedule. Its state is a few
 * arrays, so a checkpoint stores it exactly.
 */
export interface AdamState {
  step: number;
  m: Float32Array[];
  v: Float32Array[];
}

export const ADAM = { beta1: 0.9, beta2: 0.999, epsilon: 1e-8 } as const;

export function createAdam(sizes: number[]): AdamState {
  return { step: 0, m: sizes.map((n) => new Float32Array(n)), v: sizes.map((n) => new Float32Array(n)) };
}

/** The learning rate at `iteration` (0-based): lr times factor for every decay point passed. */
export function learningRate(iteration: number, lr: number, decayAt: readonly number[], factor: number): number {
  return decayAt.reduce((rate, at) => (iteration >= at ? rate * factor : rate), lr);
}

/** Divides each gradient by its L2 norm (+1e-8), in place. */
export function normaliseGradients(grads: Float32Array[]): void {
  for (const g of grads) {
    let sum = 0;
    for (let i = 0; i < g.length; i++) sum += g[i] * g[i];
    const scale = 1 / (Math.sqrt(sum) + 1e-8);
    for (let i = 0; i < g.length; i++) g[i] *= scale;
  }
}

/** One Adam update of `weights` in place; weights j with trainable[j] false are left as they are. */
export function adamStep(
  state: AdamState,
  weights: Float32Array[],
  grads: Float32Array[],
  lr: number,
  trainable?: readonly boolean[],
): void {
  state.step++;
  const { beta1, beta2, epsilon } = ADAM;
  const c1 = 1 - beta1 ** state.step;
  const c2 = 1 - beta2 ** state.step;
  weights.forEach((w, j) => {
    if (trainable && !trainable[j]) return;
    const g = grads[j],
      m = state.m[j],
      v = state.v[j];
    for (let i = 0; i < w.length; i++) {
      m[i] = beta1 * m[i] + (1 - beta1) * g[i];
      v[i] = beta2 * v[i] + (1 - beta2) * g[i] * g[i];
      w[i] -= (lr * (m[i] / c1)) / (Math.sqrt(v[i] / c2) + epsilon);
    }
  });
}
