import { describe, expect, it } from 'vitest';
import { countLabel } from '../../src/ui/plots.ts';

describe("the census plot's axis labels", () => {
  it('fit a narrow axis: thousands as k', () => {
    expect([0, 250, 999, 1000, 1200, 9950, 12_400, 150_000].map(countLabel)).toEqual([
      '0',
      '250',
      '999',
      '1k',
      '1.2k',
      '9.9k',
      '12k',
      '150k',
    ]);
  });
});
