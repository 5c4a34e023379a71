/**
 * Clone outlines drawn by pixi.js on the app's own WebGL context, through the path the app takes each frame:
 * a GPU session on a canvas in the page, the app's draw(), its overlay scene's setClones. Pixels are read
 * back from the canvas at the screen positions the camera gives the clone's edges.
 */
import { afterAll, expect, it } from 'vitest';
import { createApp } from '../../src/app/app.ts';
import { createGpuSession, destroyGpuSession, type GpuSession } from '../../src/app/gpu-session.ts';
import type { AppUi } from '../../src/app/ui.ts';
import { cloneColour, type Rgb } from '../../src/model/palette.ts';
import { fitCamera, panCamera } from '../../src/view/camera.ts';
import { testGenome } from '../support/genomes.ts';

const W = 32,
  H = 24,
  VIEW_W = 320,
  VIEW_H = 240;
const genome = testGenome({ channels: 8, expertHidden: [8, 8] }, { seed: 4, outputScale: 0.5 });

const canvas = document.createElement('canvas');
Object.assign(canvas.style, { width: `${VIEW_W}px`, height: `${VIEW_H}px`, display: 'block' });
[canvas.width, canvas.height] = [VIEW_W, VIEW_H];
document.body.append(canvas);
let gpu: GpuSession | null = null;
afterAll(() => {
  if (gpu) destroyGpuSession(gpu);
});

/** Clone 3 over cells x 8..15, clone 5 right beside it over x 16..19, both over rows 6..13. */
function labels(): Uint8Array {
  const out = new Uint8Array(W * H);
  for (let y = 6; y < 14; y++) for (let x = 8; x < 20; x++) out[y * W + x] = x < 16 ? 3 : 5;
  return out;
}

it('outlines each clone just inside its cells, in its colour, where the camera shows it; grid untouched', async () => {
  const session = createGpuSession(canvas, { genome, width: W, height: H, seed: 1, params: {} });
  gpu = session;
  const app = createApp(
    canvas,
    {} as AppUi,
    {
      genome,
      preset: null,
      label: 'test',
      camera: fitCamera(W, H, VIEW_W, VIEW_H),
      cameraMoved: false,
      view: { mode: 'phenotype', index: 0 },
      tool: { tool: 'pan', radius: 3, expert: 0, paint: true, morphogen: 0, morphogenValue: 1 },
      playing: false,
    },
    session,
  );
  expect(await session.overlay.ready).toBe('shared context');
  const gl = session.regl._gl;
  // The drawing buffer is not kept between frames: read it in the task that drew it (regl.read refuses to).
  const read = () => {
    const out = new Uint8Array(VIEW_W * VIEW_H * 4);
    gl.readPixels(0, 0, VIEW_W, VIEW_H, gl.RGBA, gl.UNSIGNED_BYTE, out);
    return out;
  };
  const frame = () => {
    app.draw();
    return read();
  };
  const pixel = (image: Uint8Array, x: number, y: number): Rgb => {
    const i = ((VIEW_H - 1 - y) * VIEW_W + x) * 4; // rows come bottom-up
    return [image[i], image[i + 1], image[i + 2]];
  };
  const gridOnly = (() => {
    session.renderer.draw(session.sim, app.model.camera, app.model.view);
    return read();
  })();

  app.overlays.setClones(labels());
  let image = frame();
  const { camera } = app.model;
  const sx = (x: number) => (x - camera.centerX) * camera.zoom + VIEW_W / 2;
  const sy = (y: number) => (y - camera.centerY) * camera.zoom + VIEW_H / 2;
  const row = Math.floor(sy(10.5));
  // Lines are 2 px wide inside the clone: the first whole pixel right of a left edge, left of a right edge.
  expect(pixel(image, Math.floor(sx(8)) + 1, row)).toEqual(cloneColour(3));
  expect(pixel(image, Math.ceil(sx(16)) - 2, row)).toEqual(cloneColour(3));
  expect(pixel(image, Math.floor(sx(16)) + 1, row)).toEqual(cloneColour(5));
  expect(pixel(image, Math.ceil(sx(20)) - 2, row)).toEqual(cloneColour(5));
  expect(pixel(image, Math.floor(sx(12)), Math.floor(sy(6)) + 1)).toEqual(cloneColour(3)); // the top edge
  expect(pixel(image, Math.floor(sx(12)), Math.ceil(sy(14)) - 2)).toEqual(cloneColour(3)); // the bottom edge
  // Inside and outside the clones, the grid as regl drew it.
  for (const [x, y] of [
    [sx(12), row],
    [sx(8) - 3, row],
    [sx(12), sy(6) - 3],
    [sx(24), sy(20)],
  ]) {
    expect(pixel(image, Math.floor(x), Math.floor(y))).toEqual(pixel(gridOnly, Math.floor(x), Math.floor(y)));
  }

  // Panning moves the outline with the cells.
  app.model.camera = panCamera(camera, -3 * camera.zoom, 0);
  image = frame();
  const moved = (x: number) => (x - app.model.camera.centerX) * camera.zoom + VIEW_W / 2;
  expect(moved(8)).toBeCloseTo(sx(8) - 3 * camera.zoom, 6);
  expect(pixel(image, Math.floor(moved(8)) + 1, row)).toEqual(cloneColour(3));
  expect(pixel(image, Math.floor(sx(8)) + 1, row)).not.toEqual(cloneColour(3));

  // No labels: no outlines; the engine's textures still read back after pixi drew on the context.
  app.overlays.setClones(null);
  image = frame();
  expect(pixel(image, Math.floor(moved(8)) + 1, row)).not.toEqual(cloneColour(3));
  const before = session.sim.readState();
  session.sim.step(2);
  expect(session.sim.readState().step).toBe(before.step + 2);
});
