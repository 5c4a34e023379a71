/**
 * Waits until the GPU has finished writing a texture: copies one texel of it into a 1x1 RGBA8 target and
 * reads that back. Works for half-float textures too (regl.read refuses those), and the data dependency
 * makes the wait real where gl.finish may return early. For per-pass timing only, never per frame.
 */
import { FULL_SCREEN } from './full-screen.ts';
import type REGL from 'regl';

export function createSync(regl: REGL.Regl): (texture: REGL.Texture2D) => void {
  const target = regl.framebuffer({ width: 1, height: 1, colorType: 'uint8', depthStencil: false });
  const touch = regl({
    ...FULL_SCREEN,
    frag:
      'precision highp float; uniform sampler2D u_source; '
      + 'void main() { gl_FragColor = clamp(texture2D(u_source, vec2(0.5)), 0.0, 1.0); }',
    framebuffer: target,
    uniforms: { u_source: regl.prop<{ source: REGL.Texture2D }, 'source'>('source') },
  });
  return (texture) => {
    touch({ source: texture });
    regl.read({ framebuffer: target });
  };
}
