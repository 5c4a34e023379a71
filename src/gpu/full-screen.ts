/**
 * One triangle that covers the whole target, the geometry of every draw in the project (each fragment is
 * one texel or pixel of the target): the part of a regl command that all passes share.
 */
import vertex from '../../kernels/quad.vert?raw';

export const FULL_SCREEN = {
  vert: vertex,
  attributes: {
    a_position: [
      [-1, -1],
      [3, -1],
      [-1, 3],
    ],
  },
  count: 3,
  depth: { enable: false },
};
