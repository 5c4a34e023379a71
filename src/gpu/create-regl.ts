import createREGL from 'regl';
import { ENGINE_EXTENSIONS } from './capabilities.ts';

/** A regl instance with the extensions the engine may use, on a canvas or context the caller owns. */
export function createEngineRegl(target: HTMLCanvasElement | WebGLRenderingContext): createREGL.Regl {
  const options = { optionalExtensions: ENGINE_EXTENSIONS };
  return target instanceof HTMLCanvasElement
    ? createREGL({ canvas: target, ...options, attributes: { preserveDrawingBuffer: false, antialias: false } })
    : createREGL({ gl: target, ...options });
}
