import { expect, it } from 'vitest';
import type { Simulation } from '../../src/engine/simulation.ts';
import { discCells } from '../../src/model/brushes.ts';
import { createPaintedRegions } from '../../src/app/painted-regions.ts';

/** The few members of a simulation the recorder reads or calls. */
function fakeSim(): Simulation & { calls: string[] } {
  const calls: string[] = [];
  return {
    width: 12,
    height: 10,
    sizes: { experts: 3 },
    calls,
    knockout: (_disc: unknown, expert: unknown, on: unknown) => calls.push(`knockout ${expert} ${on}`),
    force: (_disc: unknown, expert: unknown) => calls.push(`force ${expert}`),
    paintMorphogen: (_disc: unknown, channel: unknown, value: unknown) => calls.push(`morphogen ${channel} ${value}`),
  } as unknown as Simulation & { calls: string[] };
}

const painted = (mask: Uint8Array) => [...mask.keys()].filter((i) => mask[i] === 1).sort((a, b) => a - b);
const cells = (x: number, y: number, radius: number) =>
  discCells({ width: 12, height: 10 }, { x, y, radius }).sort((a, b) => a - b);

it('records the field brushes that reach the simulation, on masks with the engine disc rule', () => {
  const regions = createPaintedRegions();
  const sim = fakeSim();
  expect(regions.masks()).toBeNull();
  regions.beginStroke();
  regions.record(sim).knockout({ x: 3, y: 3, radius: 2 }, 1, true);
  regions.record(sim).force({ x: 8, y: 6, radius: 1 }, 2);
  regions.record(sim).paintMorphogen({ x: 0, y: 0, radius: 1 }, 0, 0.5); // wraps around the grid's corner
  expect(sim.calls).toEqual(['knockout 1 true', 'force 2', 'morphogen 0 0.5']);
  const masks = regions.masks()!;
  expect(painted(masks.knockout)).toEqual(cells(3, 3, 2));
  expect(painted(masks.force)).toEqual(cells(8, 6, 1));
  expect(painted(masks.morphogen)).toEqual(cells(0, 0, 1));
  expect(regions.masks()).toBe(masks); // the same object until the paint changes
});

it('lifting, erasing and undoing take the paint away; knockouts of other experts stay', () => {
  const regions = createPaintedRegions();
  const sim = fakeSim();
  regions.beginStroke();
  regions.record(sim).knockout({ x: 3, y: 3, radius: 2 }, 0, true);
  regions.record(sim).knockout({ x: 3, y: 3, radius: 2 }, 1, true);
  regions.record(sim).knockout({ x: 3, y: 3, radius: 2 }, 0, false); // expert 1 is still knocked out
  expect(painted(regions.masks()!.knockout)).toEqual(cells(3, 3, 2));
  regions.record(sim).knockout({ x: 3, y: 3, radius: 2 }, 'all', false);
  expect(painted(regions.masks()!.knockout)).toEqual([]);

  regions.beginStroke();
  regions.record(sim).paintMorphogen({ x: 6, y: 5, radius: 1 }, 1, 1);
  regions.beginStroke();
  regions.record(sim).force({ x: 6, y: 5, radius: 3 }, 0);
  regions.record(sim).paintMorphogen({ x: 6, y: 5, radius: 1 }, 1, 0); // erasing paints 0
  expect(painted(regions.masks()!.morphogen)).toEqual([]);
  regions.undo();
  expect(painted(regions.masks()!.morphogen)).toEqual(cells(6, 5, 1));
  expect(painted(regions.masks()!.force)).toEqual([]);
  regions.clear();
  expect(regions.masks()).toBeNull();
});
