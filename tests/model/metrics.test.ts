import { describe, expect, it } from 'vitest';
import { expertParameterCount, gateParameterCount, genomeParameterCount } from '../../src/model/genome.ts';
import { measure } from '../../src/model/metrics.ts';
import { resolveParams } from '../../src/model/params.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import { referenceStep } from '../../src/model/reference.ts';
import { createEmptyState } from '../../src/model/state.ts';
import { randomLivingState } from './grids.ts';

const genome = randomGenome(
  { channels: 4, perception: ['identity'], expertHidden: [3, 5], gateHidden: 2, morphogens: 0 },
  { seed: 9 },
);

describe('metrics', () => {
  it('counts a hand-made grid: alive cells, census, silent cells, potency, active parameters, histograms', () => {
    const grid = createEmptyState(genome, 4, 3);
    const alive = (cell: number, expression: [number, number], marks: [number, number]) => {
      grid.state[cell * 4 + 3] = 0.5;
      grid.expression.set(expression, cell * 2);
      grid.marks.set(marks, cell * 2);
    };
    alive(0, [1, 0], [1, 0]);
    alive(1, [0.25, 0.75], [0.5, 0.5]);
    alive(5, [0, 0], [0.5, 0.5]); // silent: every expert knocked out
    grid.state[7 * 4 + 3] = 0.1; // at the threshold: not alive

    const m = measure(genome, grid);
    expect(m.aliveCount).toBe(3);
    expect(m.census).toEqual([1, 1]);
    expect(m.silentCount).toBe(1);
    expect(m.meanPotency).toBeCloseTo((0 + 1 + 1) / 3, 6);
    const [e0, e1] = genome.experts.map(expertParameterCount);
    const gate = gateParameterCount(genome.gate);
    expect(m.activeParamFraction).toBeCloseTo((3 * gate + e0 + (e0 + e1)) / 3 / genomeParameterCount(genome), 6);
    expect(m.expressedCountHistogram).toEqual([1, 1, 1]);
    expect(m.expressionHistogram[0]).toEqual([1, 0, 1, 0, 0, 0, 0, 0, 0, 1]);
    expect(m.expressionHistogram[1]).toEqual([2, 0, 0, 0, 0, 0, 0, 1, 0, 0]);
  });

  it('top-k lowers the active-parameter fraction of a stepped grid', () => {
    const start = randomLivingState(genome, 12, 12, 3);
    const fraction = (topK: number) =>
      measure(genome, referenceStep(genome, resolveParams({ topK, fireRate: 1 }, 2, 'test'), start, 1).grid)
        .activeParamFraction;
    expect(fraction(2)).toBeCloseTo(1, 6);
    expect(fraction(1)).toBeLessThan(0.8);
    expect(fraction(1)).toBeGreaterThan(0.2);
  });

  it('an empty grid measures zero, not NaN', () => {
    const m = measure(genome, createEmptyState(genome, 5, 5));
    expect([m.aliveCount, m.meanPotency, m.activeParamFraction]).toEqual([0, 0, 0]);
  });
});
