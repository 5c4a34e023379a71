import { afterEach, describe, expect, it } from 'vitest';
import { createSimulation, type Simulation } from '../../src/engine/simulation.ts';
import { randomLivingState } from '../model/grids.ts';
import { testRegl } from './harness.ts';
import { testGenome } from '../support/genomes.ts';

const genome = testGenome({ channels: 8, expertHidden: [10, 6, 12], morphogens: 1 }, { seed: 5, outputScale: 0.3 });
const W = 24,
  H = 20;
const start = randomLivingState(genome, W, H, 3, { x0: 4, y0: 4, x1: 19, y1: 15 });

const sims: Simulation[] = [];
afterEach(() => {
  for (const s of sims.splice(0)) s.destroy();
});
const open = (precision: 'float32' | 'float16') => {
  const sim = createSimulation({ regl: testRegl(), genome, width: W, height: H, seed: 2, state: start, precision });
  sims.push(sim);
  return sim;
};

describe('GPU snapshots (the undo points of strokes)', () => {
  it.each(['float32', 'float16'] as const)(
    'restore brings back cells, painted fields, the step count and tracing exactly (%s)',
    (precision) => {
      const sim = open(precision);
      sim.step(3);
      const before = sim.readState();
      const snapshot = sim.snapshot();
      sim.erase({ x: 10, y: 9, radius: 4 });
      sim.knockout({ x: 12, y: 10, radius: 3 }, 1);
      sim.paintMorphogen({ x: 8, y: 8, radius: 2 }, 0, 0.7);
      sim.markClone({ x: 14, y: 12, radius: 3 }, 2);
      sim.step(2);
      expect(sim.tracing).toBe(true);
      expect(sim.restore(snapshot)).toBe(true);
      snapshot.discard();
      expect(sim.tracing).toBe(false);
      expect(sim.stepCount).toBe(before.step);
      expect(sim.readState()).toEqual(before);
      // The simulation goes on from there as it would have.
      sim.step(1);
      expect(sim.stepCount).toBe(before.step + 1);
    },
  );

  it('snapshots in reused and prepared textures are as exact', () => {
    const sim = open('float32');
    sim.prepareSnapshot();
    const before = sim.readState();
    const first = sim.snapshot();
    sim.erase({ x: 10, y: 9, radius: 4 });
    const erased = sim.readState();
    const second = sim.snapshot();
    sim.erase({ x: 15, y: 12, radius: 4 });
    expect(sim.restore(second)).toBe(true);
    second.discard();
    expect(sim.readState()).toEqual(erased);
    sim.step(2);
    const third = sim.snapshot(); // in the textures the second one gave back
    expect(sim.restore(first)).toBe(true);
    expect(sim.readState()).toEqual(before);
    sim.step(1);
    expect(sim.restore(third)).toBe(true);
    expect(sim.stepCount).toBe(erased.step + 2);
  });

  it("another simulation's snapshot is refused and changes nothing", () => {
    const a = open('float32'),
      b = open('float32');
    b.erase({ x: 10, y: 9, radius: 5 });
    const before = a.readState();
    expect(a.restore(b.snapshot())).toBe(false);
    expect(a.readState()).toEqual(before);
  });
});
