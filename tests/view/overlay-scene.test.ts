import { expect, it } from 'vitest';
import { createOverlayScene } from '../../src/view/overlay-scene.ts';

it('keeps the old value when the same clones or cell come again, so the layer rebuilds only on change', () => {
  const scene = createOverlayScene();
  const first = Uint8Array.of(0, 1, 1, 0);
  scene.setClones(first);
  scene.setClones(Uint8Array.of(0, 1, 1, 0));
  expect(scene.clones).toBe(first);
  const next = Uint8Array.of(0, 1, 2, 0);
  scene.setClones(next);
  expect(scene.clones).toBe(next);
  scene.setClones(null);
  expect(scene.clones).toBeNull();

  scene.setInspected({ x: 3, y: 4 });
  const cell = scene.inspected;
  scene.setInspected({ x: 3, y: 4 });
  expect(scene.inspected).toBe(cell);
  scene.setInspected({ x: 3, y: 5 });
  expect(scene.inspected).toEqual({ x: 3, y: 5 });
  scene.setInspected(null);
  expect(scene.inspected).toBeNull();
});
