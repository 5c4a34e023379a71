/** Shared by the GPU tests: one regl per test file (browsers cap live WebGL contexts), and comparisons. */
import type REGL from 'regl';
import { createEngineRegl } from '../../src/gpu/create-regl.ts';

let shared: REGL.Regl | null = null;

export function testRegl(): REGL.Regl {
  shared ??= createEngineRegl(document.createElement('canvas'));
  return shared;
}

export function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}
