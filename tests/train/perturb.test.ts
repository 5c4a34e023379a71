import { describe, expect, it } from 'vitest';
import { drawableExperts, drawBatchPerturbations, type PerturbConfig } from '../../src/train/perturb.ts';
import { Rng } from '../../src/model/rng.ts';

const config: PerturbConfig = {
  grids: 2,
  kinds: ['knockout', 'force', 'regulation'],
  hold: [0.25, 1],
  forceRadius: [3, 8],
  topK: [1, 4],
  temperature: [0.5, 2],
};
const context = { experts: 3, steps: 80, width: 72, height: 72, targetWidth: 40, targetHeight: 40 };

describe('perturbations drawn for training', () => {
  it('perturb the best grids that are neither reseeded nor damaged, within the configured ranges', () => {
    const rng = new Rng(7);
    const seen = new Set<string>();
    for (let i = 0; i < 300; i++) {
      const drawn = drawBatchPerturbations(config, rng, 8, [6, 7], context);
      expect(drawn.map((p) => p !== null)).toEqual([false, false, false, false, true, true, false, false]);
      for (const p of drawn) {
        if (!p) continue;
        seen.add(p.kind);
        expect(p.steps).toBeGreaterThanOrEqual(20);
        expect(p.steps).toBeLessThanOrEqual(80);
        if (p.kind === 'knockout') expect(p.expert).toBeLessThan(3);
        if (p.kind === 'force') {
          expect(p.disc.radius).toBeGreaterThanOrEqual(3);
          expect(p.disc.radius).toBeLessThanOrEqual(8);
          expect(Math.abs(p.disc.x - 36)).toBeLessThanOrEqual(20);
          expect(Math.abs(p.disc.y - 36)).toBeLessThanOrEqual(20);
        }
        if (p.kind === 'regulation') {
          // Top-k capped at the 3 experts.
          expect(p.topK).toBeGreaterThanOrEqual(1);
          expect(p.topK).toBeLessThanOrEqual(3);
          expect(p.temperature).toBeGreaterThanOrEqual(0.5);
          expect(p.temperature).toBeLessThanOrEqual(2);
        }
      }
    }
    expect([...seen].sort()).toEqual(['force', 'knockout', 'regulation']);
  });

  it('with damaged grids anywhere in the batch (damagePick "any"), perturbs the best of the others', () => {
    const drawn = drawBatchPerturbations(config, new Rng(7), 8, [2, 7], context);
    expect(drawn.map((p) => p !== null)).toEqual([false, false, false, false, false, true, true, false]);
  });

  it('the same Rng state draws the same perturbations (a resumed run repeats them)', () => {
    const a = drawBatchPerturbations(config, new Rng(99), 8, [7], context);
    const b = drawBatchPerturbations(config, new Rng(99), 8, [7], context);
    expect(a).toEqual(b);
  });

  it('a small batch perturbs what it can spare: never the reseeded grid', () => {
    expect(drawBatchPerturbations({ ...config, grids: 3 }, new Rng(1), 3, [2], context).map((p) => p !== null)).toEqual(
      [false, true, false],
    );
  });

  it("spares each body's silent experts: knockouts and forced discs draw only the others", () => {
    const experts = { ...context, experts: 8 };
    const drawable = drawableExperts(8, [
      [4, 5, 6, 7],
      [0, 1, 2, 3],
    ]);
    expect(drawable).toEqual([
      [0, 1, 2, 3],
      [4, 5, 6, 7],
    ]);
    const rng = new Rng(5);
    const drawn = new Set<number>();
    for (let i = 0; i < 300; i++) {
      // Slots 4 and 5 (the perturbed ones here): body 0, then body 1.
      const batch = drawBatchPerturbations(config, rng, 8, [6, 7], experts, (slot) => drawable[slot === 4 ? 0 : 1]);
      for (const [slot, p] of batch.entries()) {
        if (!p || p.kind === 'regulation') continue;
        drawn.add(p.expert);
        expect(p.expert < 4).toBe(slot === 4);
      }
    }
    expect([...drawn].sort()).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    // No silent experts named: every expert drawable, with the very draws of a run without bodies.
    expect(drawableExperts(8, [[], []])).toEqual([undefined, undefined]);
    const plain = drawBatchPerturbations(config, new Rng(3), 8, [7], experts);
    const all = Array.from({ length: 8 }, (_, k) => k);
    expect(drawBatchPerturbations(config, new Rng(3), 8, [7], experts, () => all)).toEqual(plain);
  });
});
