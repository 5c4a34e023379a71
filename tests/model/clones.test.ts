import { describe, expect, it } from 'vitest';
import { eraseDisc } from '../../src/model/brushes.ts';
import { cloneFates, markClone, MAX_CLONE, propagateClones } from '../../src/model/clones.ts';
import { isAliveCell } from '../../src/model/metrics.ts';
import { resolveParams } from '../../src/model/params.ts';
import { runReference } from '../../src/model/reference.ts';
import { createEmptyState, type CellState } from '../../src/model/state.ts';
import { randomLivingState } from './grids.ts';
import { testGenome } from '../support/genomes.ts';

const genome = testGenome({ channels: 6, expertHidden: [8, 8, 8] }, { seed: 4, outputScale: 0.1 });
const W = 7,
  H = 6;

/** A grid with the given alphas (cell index -> alpha) and labels. */
function gridWith(alphas: Record<number, number>, labels: Record<number, number> = {}): CellState {
  const grid = createEmptyState(genome, W, H);
  for (const [cell, alpha] of Object.entries(alphas)) grid.state[Number(cell) * grid.channels + 3] = alpha;
  for (const [cell, label] of Object.entries(labels)) grid.clones[Number(cell)] = label;
  return grid;
}
const at = (x: number, y: number) => ((y + H) % H) * W + ((x + W) % W);

describe('clone labels follow the living cells', () => {
  it('a cell that lives on keeps its label, even when a neighbour has more alpha and another label', () => {
    const before = gridWith({ [at(3, 3)]: 0.5, [at(4, 3)]: 0.9 }, { [at(3, 3)]: 2, [at(4, 3)]: 5 });
    const after = gridWith({ [at(3, 3)]: 0.4, [at(4, 3)]: 0.9 });
    const labels = propagateClones(before, after);
    expect(labels[at(3, 3)]).toBe(2);
    expect(labels[at(4, 3)]).toBe(5);
  });

  it('a cell that dies loses its label; a cell at exactly the threshold is not living', () => {
    const before = gridWith({ [at(1, 1)]: 0.8, [at(2, 1)]: 0.8 }, { [at(1, 1)]: 3, [at(2, 1)]: 3 });
    const after = gridWith({ [at(1, 1)]: 0.05, [at(2, 1)]: Math.fround(0.1) });
    expect([...propagateClones(before, after)].every((label) => label === 0)).toBe(true);
  });

  it('a cell that comes alive takes the label of its living neighbour of largest alpha', () => {
    const before = gridWith(
      { [at(2, 2)]: 0.6, [at(4, 4)]: 0.95, [at(4, 2)]: 0.7 },
      { [at(2, 2)]: 1, [at(4, 4)]: 7, [at(4, 2)]: 4 },
    );
    const after = gridWith({ [at(3, 3)]: 0.3 });
    expect(propagateClones(before, after)[at(3, 3)]).toBe(7);
  });

  it('ties go to the first neighbour row by row from the top left, and the grid wraps', () => {
    // Around (0, 0): (W-1, H-1) is its top-left neighbour, (1, 1) its bottom-right.
    const before = gridWith({ [at(-1, -1)]: 0.5, [at(1, 1)]: 0.5 }, { [at(-1, -1)]: 9, [at(1, 1)]: 6 });
    const after = gridWith({ [at(0, 0)]: 0.2 });
    expect(propagateClones(before, after)[at(0, 0)]).toBe(9);
  });

  it('a cell that comes alive next to unlabelled cells of larger alpha stays unlabelled', () => {
    const before = gridWith({ [at(2, 2)]: 0.3, [at(4, 2)]: 0.9 }, { [at(2, 2)]: 4 });
    const after = gridWith({ [at(3, 2)]: 0.5 });
    expect(propagateClones(before, after)[at(3, 2)]).toBe(0);
  });

  it('the mark-clone brush labels the living cells under the disc only, and checks the label', () => {
    const grid = gridWith({ [at(3, 3)]: 0.5, [at(3, 4)]: 0.05 });
    const marked = markClone(grid, { x: 3, y: 3, radius: 1.5 }, 12);
    expect(marked.clones[at(3, 3)]).toBe(12);
    expect(marked.clones[at(3, 4)]).toBe(0);
    expect(grid.clones[at(3, 3)]).toBe(0); // a new state, the old one untouched
    expect(() => markClone(grid, { x: 3, y: 3, radius: 1 }, MAX_CLONE + 1)).toThrow(
      'clone brush: field label: expected an integer in [1, 15], got 16',
    );
    expect(() => markClone(grid, { x: 3, y: 3, radius: 1 }, 0)).toThrow('got 0');
  });
});

describe('clones through the reference step', () => {
  const params = resolveParams({ topK: 2 }, 3, 'test');
  const start = randomLivingState(genome, 24, 20, 8, { x0: 6, y0: 5, x1: 17, y1: 14 });

  it('never change the dynamics: state and marks are identical with and without labels', () => {
    const traced = markClone(markClone(start, { x: 8, y: 8, radius: 3 }, 1), { x: 15, y: 12, radius: 2 }, 2);
    const plain = runReference(genome, params, start, 5, 12);
    const withLabels = runReference(genome, params, traced, 5, 12);
    expect([...withLabels.state]).toEqual([...plain.state]);
    expect([...withLabels.marks]).toEqual([...plain.marks]);
    expect(plain.clones.every((label) => label === 0)).toBe(true);
    expect(withLabels.clones.some((label) => label === 1)).toBe(true);
  });

  it('only living cells carry labels, and every label seen was marked', () => {
    const traced = markClone(start, { x: 11, y: 9, radius: 4 }, 3);
    const later = runReference(genome, params, traced, 2, 10);
    for (let cell = 0; cell < later.clones.length; cell++) {
      if (later.clones[cell] !== 0) {
        expect(isAliveCell(later, cell)).toBe(true);
        expect(later.clones[cell]).toBe(3);
      }
    }
  });

  it('a wound is refilled with the labels of the cells around it, or left unlabelled', () => {
    const everyone = markClone(start, { x: 11, y: 9, radius: 30 }, 5);
    const wounded = eraseDisc(everyone, { x: 11, y: 9, radius: 2 });
    const later = runReference(genome, params, wounded, 9, 6);
    const alive = [...later.clones.keys()].filter((cell) => isAliveCell(later, cell));
    expect(alive.length).toBeGreaterThan(0);
    expect(alive.every((cell) => later.clones[cell] === 5)).toBe(true);
  });
});

describe('cloneFates', () => {
  it('counts living cells per clone, by type, with their mean potency', () => {
    const grid = gridWith(
      { [at(1, 1)]: 0.5, [at(2, 1)]: 0.5, [at(3, 1)]: 0.5, [at(5, 5)]: 0.05 },
      { [at(1, 1)]: 2, [at(2, 1)]: 2, [at(3, 1)]: 4, [at(5, 5)]: 2 },
    );
    grid.expression.set([0, 1, 0], at(1, 1) * 3);
    grid.expression.set([0.3, 0.7, 0], at(2, 1) * 3);
    grid.marks.set([1, 0, 0], at(1, 1) * 3); // committed: potency 0
    grid.marks.set([1, 0, 0], at(2, 1) * 3);
    const fates = cloneFates(grid);
    expect(fates.map((f) => f.label)).toEqual([2, 4]);
    expect(fates[0]).toMatchObject({ count: 2, census: [0, 2, 0], silent: 0, meanPotency: 0 });
    expect(fates[1]).toMatchObject({ count: 1, census: [0, 0, 0], silent: 1 });
    expect(fates[1].meanPotency).toBeCloseTo(1, 6); // uniform marks
  });
});
