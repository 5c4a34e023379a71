/** Report helpers: the cut that measures regrowth, the hand-written loss curve. */
import { describe, expect, it } from 'vitest';
import { isAliveCell } from '../../src/model/metrics.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import { eraseShare } from '../../src/model/brushes.ts';
import { lossCurveSvg } from '../../src/train/report.ts';
import { dormancyLine } from '../../src/train/report-markdown.ts';
import { randomLivingState } from '../model/grids.ts';

describe('report', () => {
  it('eraseShare erases 30% of the alive cells, the rightmost, to zero state and uniform marks', () => {
    const genome = randomGenome(
      { channels: 6, perception: ['identity'], expertHidden: [4, 4], gateHidden: 0, morphogens: 0 },
      { seed: 1 },
    );
    const grid = randomLivingState(genome, 20, 12, 4);
    const alive = (g: typeof grid) => Array.from({ length: 240 }, (_, c) => c).filter((c) => isAliveCell(g, c));
    const before = alive(grid);
    const { grid: cut, erased } = eraseShare(grid, 0.3);
    expect(erased).toBe(Math.round(before.length * 0.3));
    expect(alive(cut)).toHaveLength(before.length - erased);
    const erasedCells = before.filter((c) => !isAliveCell(cut, c));
    const minErasedX = Math.min(...erasedCells.map((c) => c % 20));
    expect(alive(cut).every((c) => c % 20 <= minErasedX)).toBe(true);
    for (const c of erasedCells) {
      expect([...cut.state.subarray(c * 6, c * 6 + 6)]).toEqual([0, 0, 0, 0, 0, 0]);
      expect([...cut.marks.subarray(c * 2, c * 2 + 2)]).toEqual([0.5, 0.5]);
    }
  });

  it('lossCurveSvg draws both curves on a log scale', () => {
    const history = Array.from({ length: 50 }, (_, i) => ({
      iteration: i + 1,
      loss: 0.1 / (i + 1),
      rgba: 0.08 / (i + 1),
      balance: 0,
      entropy: 0,
      tissue: 0,
      lr: 1e-3,
      steps: 10,
      seconds: 1,
      elapsed: i + 1,
    }));
    const svg = lossCurveSvg(history);
    expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg.match(/<path /g)).toHaveLength(2);
    expect(svg).toContain('1e-3');
    expect(svg).toContain('1e-1');
  });
});

describe('dormancyLine', () => {
  const body = (environment: number, expressedShares: number[]) => ({
    environment,
    quality: { width: 8, height: 8, seeds: [0], atSteps: [] },
    grown: {
      loss: 0,
      aliveCount: 100,
      census: [],
      typeShares: [],
      expressedShares,
      silentShare: 0,
      meanPotency: 0,
      activeParamFraction: 0,
    },
  });

  it('names the experts every body expresses and those each body leaves dormant', () => {
    const line = dormancyLine([body(0, [0.9, 0.005, 0.4, 0.3]), body(1, [0.8, 0.6, 0, 0.2])]);
    expect(line).toContain('Experts expressed in every body: 0, 3.');
    expect(line).toContain('in environment 0: 1; in environment 1: 2.');
  });

  it('says none where every body expresses every expert', () => {
    expect(dormancyLine([body(0, [0.5, 0.5]), body(1, [0.02, 0.5])])).toContain(
      "Experts expressed in every body: 0, 1. Dormant (expressed by under 1% of the body's cells) in environment 0:"
        + ' none; in environment 1: none.',
    );
  });
});
