/** The peak-FLOP microbenchmark: a fragment shader of multiply-adds on the same regl/WebGL stack. */
import { FULL_SCREEN } from '../gpu/full-screen.ts';
import type REGL from 'regl';
import peakSource from '../../kernels/peak.glsl?raw';
import { createSync } from '../gpu/sync.ts';

const ITERATIONS = 256;
/** Per fragment and iteration: 4 chains of one mat4 x vec4 multiply-add, 16 MACs = 32 FLOPs each. */
const FLOPS_PER_FRAGMENT = ITERATIONS * 4 * 32;

export function measurePeak(regl: REGL.Regl, size: number, minimumSeconds: number) {
  const texture = regl.texture({ width: size, height: size, type: 'float' });
  const framebuffer = regl.framebuffer({ color: texture, depthStencil: false });
  const draw = regl({
    ...FULL_SCREEN,
    frag: `#define ITERATIONS ${ITERATIONS}\n${peakSource}`,
    framebuffer,
    viewport: { x: 0, y: 0, width: size, height: size },
    // Close to identity so values stay finite; uniforms keep the compiler from folding the loop.
    uniforms: {
      u_matrix: [0.5, 0.1, 0, 0, 0, 0.5, 0.1, 0, 0, 0, 0.5, 0.1, 0.1, 0, 0, 0.5],
      u_offset: [0.01, 0.02, 0.03, 0.04],
    },
  });
  const sync = createSync(regl);
  draw();
  sync(texture);
  let draws = 0;
  const start = performance.now();
  while (performance.now() - start < minimumSeconds * 1000 || draws < 3) {
    draw();
    draws++;
    sync(texture);
  }
  const seconds = (performance.now() - start) / 1000;
  framebuffer.destroy();
  texture.destroy();
  return { size, draws, seconds, flopsPerSecond: (draws * size * size * FLOPS_PER_FRAGMENT) / seconds };
}
