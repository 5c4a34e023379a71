import { expect, it } from 'vitest';
import { scaleBar } from '../../src/view/scale-bar.ts';

it('picks the longest round number of cells that fits, so the bar adapts to the zoom', () => {
  expect(scaleBar(9, 160)).toEqual({ cells: 10, pixels: 90, label: '10 cells' });
  expect(scaleBar(14, 160)).toEqual({ cells: 10, pixels: 140, label: '10 cells' });
  expect(scaleBar(40, 160)).toEqual({ cells: 2, pixels: 80, label: '2 cells' });
  expect(scaleBar(0.25, 160)).toEqual({ cells: 500, pixels: 125, label: '500 cells' });
  expect(scaleBar(128, 160)).toEqual({ cells: 1, pixels: 128, label: '1 cell' });
  expect(scaleBar(300, 160).cells).toBe(1); // never under one cell
});
