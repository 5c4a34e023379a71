/**
 * Waits until the GPU has finished writing a texture: copies one texel of it into a 1x1 RGBA8 target and
 * reads that back. Works for half-float textures too (regl.read refuses those), and the data dependency
 * makes the wait real where gl.finish may return early. For per-pass timing only, never per frame.
 */
import type REGL from 'regl';
import vertex from '../../kernels/quad.vert?raw';

export function createSync(regl: REGL.Regl): (texture: REGL.Texture2D) => void {
  const target = regl.framebuffer({ width: 1, height: 1, colorType: 'uint8', depthStencil: false });
  const touch = regl({
    vert: vertex,
    frag: 'precision highp float; uniform sampler2D u_source; void main() { gl_FragColor = clamp(texture2D(u_source, vec2(0.5)), 0.0, 1.0); }',
    attributes: { a_position: [[-1, -1], [3, -1], [-1, 3]] },
    count: 3,
    depth: { enable: false },
    framebuffer: target,
    uniforms: { u_source: regl.prop<{ source: REGL.Texture2D }, 'source'>('source') },
  });
  return (texture) => {
    touch({ source: texture });
    regl.read({ framebuffer: target });
  };
}
