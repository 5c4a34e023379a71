import { describe, expect, it } from 'vitest';
import { batchLosses } from '../../src/train/batch-losses.ts';
import type { BatchPlan } from '../../src/train/pool.ts';

describe('the log figures of a batch', () => {
  // Six grids, worst first: slot 9 reseeded, slot 2 damaged, slot 4 switched body; grid 3 perturbed.
  const plan: BatchPlan = { slots: [9, 7, 5, 3, 4, 2], seeded: 1, damaged: [2], remodelled: [4], late: [] };
  const sampleLoss = [0.9, 0.1, 0.2, 0.8, 0.7, 0.6];
  const knockout = { kind: 'knockout' as const, expert: 0, steps: 5 };

  it('grown: the mean over the grids that ran undisturbed from the pool', () => {
    const out = batchLosses(plan, sampleLoss, [null, null, null, knockout, null, null], undefined, 1);
    expect(out.grown).toBeCloseTo(0.15, 12);
    expect(out.wounded).toBeCloseTo(0.6, 12);
    expect(out.rgbaByBody).toBeUndefined();
  });

  it('per body: the mean of its grids, null for a body the batch did not draw', () => {
    const out = batchLosses(plan, sampleLoss, undefined, [0, 1, 0, 1, 1, 0], 3);
    expect(out.rgbaByBody?.[0]).toBeCloseTo((0.9 + 0.2 + 0.6) / 3, 12);
    expect(out.rgbaByBody?.[1]).toBeCloseTo((0.1 + 0.8 + 0.7) / 3, 12);
    expect(out.rgbaByBody?.[2]).toBeNull();
  });

  it('grown is null when every grid was disturbed', () => {
    const all: BatchPlan = { slots: [1, 2], seeded: 1, damaged: [2], remodelled: [], late: [] };
    expect(batchLosses(all, [0.5, 0.4], undefined, undefined, 1).grown).toBeNull();
    expect(batchLosses({ ...all, damaged: [] }, [0.5, 0.4], undefined, undefined, 1).wounded).toBeNull();
  });
});
