/**
 * The regulatory layer of one cell: gate logits -> preferences -> marks -> expression.
 * Steps 3 to 5 of the step in docs/DESIGN.md, shared by the reference step and the tests.
 */

/** g = softmax(z / tau), computed stably in place. */
export function softmaxInPlace(z: Float32Array, temperature: number): void {
  let max = -Infinity;
  for (let k = 0; k < z.length; k++) max = Math.max(max, z[k] / temperature);
  let sum = 0;
  for (let k = 0; k < z.length; k++) {
    z[k] = Math.exp(z[k] / temperature - max);
    sum += z[k];
  }
  for (let k = 0; k < z.length; k++) z[k] /= sum;
}

export interface ExpressionRule {
  topK: number;
  threshold: number;
  /** Bit k set: expert k is knocked out (global and painted knockouts combined). */
  knockoutBits: number;
  /** Forced expert, -1 for none. Forcing wins over a knockout: it is explicit overexpression. */
  forced: number;
}

/**
 * Expression from the new marks: zero knocked-out experts, keep the topK largest (ties to the lower index),
 * zero those under threshold, renormalise (all zero stays all zero). A forced expert gives one-hot.
 */
export function expressionFromMarks(marks: Float32Array, rule: ExpressionRule, out: Float32Array): void {
  const experts = marks.length;
  if (rule.forced >= 0) {
    out.fill(0);
    out[rule.forced] = 1;
    return;
  }
  for (let k = 0; k < experts; k++) out[k] = rule.knockoutBits & (1 << k) ? 0 : marks[k];
  if (rule.topK < experts) {
    // An expert survives when fewer than topK experts beat it (larger, or equal with a lower index).
    const kept = new Uint8Array(experts);
    for (let k = 0; k < experts; k++) {
      let beaten = 0;
      for (let j = 0; j < experts; j++) {
        if (out[j] > out[k] || (out[j] === out[k] && j < k)) beaten++;
      }
      kept[k] = beaten < rule.topK ? 1 : 0;
    }
    for (let k = 0; k < experts; k++) if (!kept[k]) out[k] = 0;
  }
  const threshold = Math.fround(rule.threshold); // as a float32 uniform holds it
  let sum = 0;
  for (let k = 0; k < experts; k++) {
    if (out[k] < threshold) out[k] = 0;
    sum += out[k];
  }
  if (sum > 0) for (let k = 0; k < experts; k++) out[k] /= sum;
}

/** Normalised entropy of the marks: 1 = pluripotent (uniform), 0 = committed. K = 1 has no choice: 0. */
export function potency(marks: ArrayLike<number>, offset: number, experts: number): number {
  if (experts < 2) return 0;
  let entropy = 0;
  for (let k = 0; k < experts; k++) {
    const q = marks[offset + k];
    if (q > 0) entropy -= q * Math.log(q);
  }
  return entropy / Math.log(experts);
}
