import { afterEach, describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../src/engine/simulation.ts';
import { eraseDisc } from '../../src/model/brushes.ts';
import { cloneFates, markClone, propagateClones } from '../../src/model/clones.ts';
import { resolveParams } from '../../src/model/params.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import { referenceStep } from '../../src/model/reference.ts';
import type { CellState } from '../../src/model/state.ts';
import { randomLivingState } from '../model/grids.ts';
import { testRegl } from './harness.ts';
import { testGenome } from '../support/genomes.ts';

const W = 28,
  H = 22;
const genome = testGenome({ channels: 8, expertHidden: [10, 6, 12], morphogens: 1 }, { seed: 9, outputScale: 0.3 });
const params = resolveParams({ topK: 2 }, 3, 'test');
const start = randomLivingState(genome, W, H, 6, { x0: 7, y0: 5, x1: 20, y1: 16 });

const sims: Simulation[] = [];
afterEach(() => {
  for (const s of sims.splice(0)) s.destroy();
});
const open = (state: CellState) => {
  const sim = createSimulation({ regl: testRegl(), genome, width: W, height: H, seed: 4, params, state });
  sims.push(sim);
  return sim;
};
const marked = (grid: CellState) =>
  markClone(markClone(grid, { x: 10, y: 8, radius: 3 }, 1), { x: 17, y: 14, radius: 2.5 }, 14);

describe('clone labels on the GPU', () => {
  it('the mark-clone brush labels the living cells under the disc, as the reference brush does', () => {
    const sim = open(start);
    sim.markClone({ x: 10, y: 8, radius: 3 }, 1);
    sim.markClone({ x: 17, y: 14, radius: 2.5 }, 14);
    expect(sim.tracing).toBe(true);
    expect([...sim.readClones()]).toEqual([...marked(start).clones]);
  });

  it('one step moves the labels as the reference step does, from the same state', () => {
    // A wound inside a clone: its cells come alive again from labelled and unlabelled neighbours.
    const state = eraseDisc(marked(start), { x: 12, y: 9, radius: 2 });
    const sim = open(state);
    sim.step(1);
    const reference = referenceStep(genome, params, state, 4).grid;
    expect(reference.clones.filter((l) => l !== 0).length).toBeGreaterThan(20);
    expect([...sim.readClones()]).toEqual([...reference.clones]);
  });

  it('ties go to the first neighbour row by row from the top left, across the wrapped edge', () => {
    // Every expert adds 0.3 alpha and nothing else, so the dead cells next to living ones come alive.
    const grower = randomGenome(genome.architecture, { seed: 1 });
    for (const expert of grower.experts) {
      expert.out.w.fill(0);
      expert.out.b.forEach((_, c) => {
        expert.out.b[c] = c === 3 ? 0.3 : 0;
      });
    }
    const state = randomLivingState(grower, W, H, 2, { x0: 0, y0: 0, x1: -1, y1: -1 });
    // Around (0, 0): its top-left neighbour (W-1, H-1) and its right neighbour (1, 0), equal alphas.
    for (const [cell, label] of [
      [(H - 1) * W + W - 1, 6],
      [1, 9],
    ]) {
      state.state[cell * state.channels + 3] = 0.5;
      state.clones[cell] = label;
    }
    const sim = createSimulation({
      regl: testRegl(),
      genome: grower,
      width: W,
      height: H,
      seed: 4,
      params: { fireRate: 1 },
      state,
    });
    sims.push(sim);
    sim.step(1);
    const reference = referenceStep(
      grower,
      resolveParams({ ...grower.regulation, fireRate: 1 }, 3, 'test'),
      state,
      4,
    ).grid;
    expect(reference.clones[0]).toBe(6);
    expect([...sim.readClones()]).toEqual([...reference.clones]);
  });

  it('over 40 steps every GPU step applies the definition to the GPU states', () => {
    const sim = open(marked(start));
    let before = sim.readState();
    for (let step = 0; step < 40; step++) {
      sim.step(1);
      const after = sim.readState();
      expect([...after.clones], `step ${step + 1}`).toEqual([...propagateClones(before, after)]);
      before = after;
    }
    expect(before.clones.some((l) => l === 1) && before.clones.some((l) => l === 14)).toBe(true);
  });

  it('never change the dynamics: state and marks are bit-identical with tracing on and off', () => {
    const traced = open(start),
      plain = open(start);
    traced.markClone({ x: 13, y: 10, radius: 6 }, 3);
    traced.step(30);
    plain.step(30);
    const a = traced.readState(),
      b = plain.readState();
    expect(plain.tracing).toBe(false);
    expect(plain.passNames).not.toContain('clones');
    expect(traced.passNames.at(-1)).toBe('clones');
    expect([...a.state]).toEqual([...b.state]);
    expect([...a.marks]).toEqual([...b.marks]);
    expect([...a.expression]).toEqual([...b.expression]);
    expect([...a.morphogens]).toEqual([...b.morphogens]);
  });

  it('per-clone metrics reduced on the GPU equal cloneFates of the read-back state', () => {
    const sim = open(start);
    expect(sim.cloneMetrics()).toEqual([]); // not tracing
    sim.markClone({ x: 10, y: 8, radius: 3 }, 2);
    sim.markClone({ x: 17, y: 14, radius: 4 }, 15);
    sim.step(12);
    const gpu = sim.cloneMetrics();
    const fates = cloneFates(sim.readState());
    expect(fates.length).toBe(2);
    expect(gpu.map((m) => [m.label, m.aliveCount, m.census, m.silentCount])).toEqual(
      fates.map((f) => [f.label, f.count, f.census, f.silent]),
    );
    gpu.forEach((m, i) => {
      expect(m.meanPotency).toBeCloseTo(fates[i].meanPotency, 4);
    });
    expect(gpu[0].step).toBe(12);
  });

  it('clearing the clones removes every label and stops tracing; a loaded state with labels traces', () => {
    const sim = open(marked(start));
    expect(sim.tracing).toBe(true);
    sim.clearClones();
    expect(sim.tracing).toBe(false);
    expect(sim.readClones().every((l) => l === 0)).toBe(true);
    sim.loadState(marked(start));
    expect(sim.tracing).toBe(true);
    sim.reset();
    expect(sim.tracing).toBe(false);
  });
});
