/**
 * The camera: which part of the grid the canvas shows. Pure maths (gl-matrix), in device pixels with y
 * down from the top, so pointer positions and the render shader use one convention.
 */
import { mat3, vec2 } from 'gl-matrix';

export interface Camera {
  /** The cell coordinate at the centre of the canvas. */
  centerX: number;
  centerY: number;
  /** Device pixels per cell. */
  zoom: number;
}

export const MIN_ZOOM = 0.25;
export const MAX_ZOOM = 128;

const clampZoom = (zoom: number) => Math.min(MAX_ZOOM, Math.max(MIN_ZOOM, zoom));

/** The whole grid in view, with a small margin. */
export function fitCamera(gridW: number, gridH: number, viewW: number, viewH: number): Camera {
  const zoom = clampZoom(0.95 * Math.min(viewW / gridW, viewH / gridH));
  return { centerX: gridW / 2, centerY: gridH / 2, zoom };
}

/** Moves the picture by (dx, dy) device pixels. */
export function panCamera(camera: Camera, dx: number, dy: number): Camera {
  return { ...camera, centerX: camera.centerX - dx / camera.zoom, centerY: camera.centerY - dy / camera.zoom };
}

/** Zooms by `factor`, keeping the cell under the device pixel (px, py) where it is. */
export function zoomCamera(
  camera: Camera,
  factor: number,
  px: number,
  py: number,
  viewW: number,
  viewH: number,
): Camera {
  const zoom = clampZoom(camera.zoom * factor);
  const [cx, cy] = screenToCell(camera, px, py, viewW, viewH);
  // Solve for the centre that puts cell (cx, cy) back under (px, py) at the new zoom.
  return { zoom, centerX: cx - (px - viewW / 2) / zoom, centerY: cy - (py - viewH / 2) / zoom };
}

/** The matrix from device pixels (y down) to cell coordinates, column-major for a GLSL mat3. */
export function screenToCellMatrix(camera: Camera, viewW: number, viewH: number): mat3 {
  const m = mat3.create();
  mat3.translate(m, m, [camera.centerX, camera.centerY]);
  mat3.scale(m, m, [1 / camera.zoom, 1 / camera.zoom]);
  mat3.translate(m, m, [-viewW / 2, -viewH / 2]);
  return m;
}

export function screenToCell(camera: Camera, px: number, py: number, viewW: number, viewH: number): [number, number] {
  const out = vec2.transformMat3(vec2.create(), [px, py], screenToCellMatrix(camera, viewW, viewH));
  return [out[0], out[1]];
}
