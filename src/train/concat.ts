/** Typed arrays end to end, in order: how per-shard and per-grid results become one batch's. */
export function concatArrays<A extends Float32Array | Uint16Array | Int8Array>(
  parts: A[],
  make: (length: number) => A,
): A {
  const out = make(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const p of parts) {
    out.set(p as never, offset);
    offset += p.length;
  }
  return out;
}

/** Float32Arrays end to end, in order. */
export const concatFloat32 = (parts: Float32Array[]): Float32Array => concatArrays(parts, (n) => new Float32Array(n));
