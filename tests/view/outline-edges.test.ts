import { expect, it } from 'vitest';
import { outlineRuns } from '../../src/view/outline-edges.ts';

const grid = (rows: string[]) => Uint8Array.from(rows.join(''), (c) => Number(c));

it('outlines a block with four runs, their normals pointing into it', () => {
  const runs = outlineRuns(grid(['0000', '0110', '0110', '0000']), 4, 4);
  expect(runs).toHaveLength(4);
  expect(runs).toContainEqual({ label: 1, x0: 1, y0: 1, x1: 1, y1: 3, nx: 1, ny: 0 }); // left side
  expect(runs).toContainEqual({ label: 1, x0: 3, y0: 1, x1: 3, y1: 3, nx: -1, ny: 0 }); // right side
  expect(runs).toContainEqual({ label: 1, x0: 1, y0: 1, x1: 3, y1: 1, nx: 0, ny: 1 }); // top
  expect(runs).toContainEqual({ label: 1, x0: 1, y0: 3, x1: 3, y1: 3, nx: 0, ny: -1 }); // bottom
});

it('gives each of two touching labels its own run on their shared edge, and none inside a label', () => {
  const runs = outlineRuns(grid(['1122', '1122']), 4, 2);
  const shared = runs.filter((r) => r.x0 === 2 && r.x1 === 2);
  expect(shared).toEqual([
    { label: 1, x0: 2, y0: 0, x1: 2, y1: 2, nx: -1, ny: 0 },
    { label: 2, x0: 2, y0: 0, x1: 2, y1: 2, nx: 1, ny: 0 },
  ]);
  expect(runs.filter((r) => r.x0 === 1 && r.x1 === 1)).toEqual([]);
  // The grid's border closes both outlines: outside counts as no label.
  expect(runs.filter((r) => r.label === 1)).toHaveLength(4);
  expect(runs.filter((r) => r.label === 2)).toHaveLength(4);
});

it('splits a run where the label on its side changes, and has no runs for an empty grid', () => {
  const runs = outlineRuns(grid(['12', '12', '00']), 2, 3);
  expect(runs.filter((r) => r.y0 === 2 && r.y1 === 2)).toEqual([
    { label: 1, x0: 0, y0: 2, x1: 1, y1: 2, nx: 0, ny: -1 },
    { label: 2, x0: 1, y0: 2, x1: 2, y1: 2, nx: 0, ny: -1 },
  ]);
  expect(outlineRuns(new Uint8Array(6), 3, 2)).toEqual([]);
  expect(() => outlineRuns(new Uint8Array(5), 3, 2)).toThrow('5 labels for a 3x2 grid');
});
