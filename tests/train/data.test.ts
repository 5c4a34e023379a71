import { describe, expect, it } from 'vitest';
import { trainingData } from '../../src/train/data.ts';

const dot = { width: 4, height: 4, data: new Uint8Array(4 * 4 * 4).fill(255) };

describe('training data', () => {
  it('paints the positional fields across morphogenScale, centred on the grid (default: the grid itself)', () => {
    const bodies = [{ image: dot, environment: 0, name: 'dot.png' }];
    const run = { bodies, tissue: null, tissueName: 'tissue', experts: 2, fields: ['x'] as const };
    const own = trainingData({ ...run, grid: { width: 16, height: 16 } }).morphogens!;
    expect(own[15] - own[0]).toBeCloseTo(1, 6);
    const scaled = trainingData({ ...run, grid: { width: 16, height: 16 }, morphogenScale: { width: 8, height: 8 } })
      .morphogens!;
    expect(scaled[1] - scaled[0]).toBeCloseTo(1 / 7, 6);
    expect(scaled[0]).toBeCloseTo(0.5 - 7.5 / 7, 5);
    expect(scaled[15]).toBeCloseTo(0.5 + 7.5 / 7, 5);
  });
});
