/**
 * The overlays as a pixi scene: clone outlines, painted-region outlines and the inspected cell in a
 * container in cell units that follows the camera, and the scale bar in screen pixels. Each part is rebuilt
 * only when what it shows changes (its data's identity, the zoom, the canvas size); panning moves the
 * container and rebuilds nothing.
 */
import { Container, Graphics, Text } from 'pixi.js';
import { cloneColour } from '../model/palette.ts';
import type { Camera } from './camera.ts';
import { outlineRuns, type OutlineRun } from './outline-edges.ts';
import { addBands, addCellFrame } from './outline-graphics.ts';
import { REGION_KINDS, type OverlayScene } from './overlay-scene.ts';
import {
  CLONE_LINE,
  HALO,
  HALO_ALPHA,
  HALO_COLOUR,
  MARKER_COLOUR,
  MARKER_LINE,
  REGION_LINE,
  REGION_STYLES,
  SCALE_BAR,
  pixiColour,
} from './overlay-style.ts';
import { scaleBar } from './scale-bar.ts';

export interface OverlayFrame {
  camera: Camera;
  gridWidth: number;
  gridHeight: number;
  /** The canvas's drawing buffer, in device pixels. */
  viewWidth: number;
  viewHeight: number;
  /** Device pixels per CSS pixel. */
  pixelRatio: number;
}

/** True when any of `deps` differs from the last call's with the same `memo` (by identity). */
function changed(memo: unknown[], deps: unknown[]): boolean {
  if (memo.length === deps.length && deps.every((d, i) => d === memo[i])) return false;
  memo.splice(0, memo.length, ...deps);
  return true;
}

export function createOverlayContent() {
  const stage = new Container();
  const cells = new Container();
  const regions = new Graphics(),
    clones = new Graphics(),
    marker = new Graphics(),
    bar = new Graphics();
  const label = new Text({
    text: '',
    anchor: { x: 0, y: 1 },
    style: { fontFamily: 'system-ui, sans-serif', fill: pixiColour(SCALE_BAR.colour) },
  });
  cells.addChild(regions, clones, marker);
  stage.addChild(cells, bar, label);
  const memos = {
    cloneRuns: [] as unknown[],
    clones: [] as unknown[],
    regions: [] as unknown[],
    marker: [] as unknown[],
    bar: [] as unknown[],
  };
  let cloneRuns = new Map<number, OutlineRun[]>();

  function drawClones(labels: Uint8Array | null, frame: OverlayFrame, px: number): void {
    // Stale labels, of another grid size, draw nothing.
    const fits = labels !== null && labels.length === frame.gridWidth * frame.gridHeight;
    if (changed(memos.cloneRuns, [labels, frame.gridWidth, frame.gridHeight])) {
      cloneRuns = new Map();
      for (const run of fits ? outlineRuns(labels, frame.gridWidth, frame.gridHeight) : []) {
        const runs = cloneRuns.get(run.label);
        if (runs) runs.push(run);
        else cloneRuns.set(run.label, [run]);
      }
    }
    if (!changed(memos.clones, [cloneRuns, px])) return;
    clones.clear();
    for (const [clone, runs] of cloneRuns) {
      addBands(clones, runs, 0, CLONE_LINE * px);
      clones.fill(pixiColour(cloneColour(clone)));
    }
  }

  function drawRegions(scene: OverlayScene, frame: OverlayFrame, px: number): void {
    const masks = scene.regions;
    if (!changed(memos.regions, [masks, px, frame.gridWidth, frame.gridHeight])) return;
    regions.clear();
    if (!masks || masks.width !== frame.gridWidth || masks.height !== frame.gridHeight) return;
    for (const kind of REGION_KINDS) {
      const runs = outlineRuns(masks[kind], masks.width, masks.height);
      if (runs.length === 0) continue;
      const { colour, dash } = REGION_STYLES[kind];
      addBands(regions, runs, -HALO * px, (REGION_LINE + HALO) * px);
      regions.fill({ color: pixiColour(HALO_COLOUR), alpha: HALO_ALPHA });
      addBands(regions, runs, 0, REGION_LINE * px, dash && [dash[0] * px, dash[1] * px]);
      regions.fill(pixiColour(colour));
    }
  }

  function drawMarker(scene: OverlayScene, px: number): void {
    const cell = scene.inspected;
    if (!changed(memos.marker, [cell, px])) return;
    marker.clear();
    if (!cell) return;
    addCellFrame(marker, cell.x, cell.y, (MARKER_LINE + HALO) * px);
    marker.fill({ color: pixiColour(HALO_COLOUR), alpha: HALO_ALPHA });
    addCellFrame(marker, cell.x, cell.y, MARKER_LINE * px);
    marker.fill(pixiColour(MARKER_COLOUR));
  }

  function drawScaleBar(frame: OverlayFrame): void {
    const { camera, viewHeight, pixelRatio: r } = frame;
    if (!changed(memos.bar, [camera.zoom, viewHeight, r])) return;
    const { pixels, label: text } = scaleBar(camera.zoom, SCALE_BAR.maxLength * r);
    const [x, thickness, halo] = [
      Math.round(SCALE_BAR.margin * r),
      Math.round(SCALE_BAR.thickness * r),
      Math.round(HALO * r),
    ];
    const y = viewHeight - Math.round(SCALE_BAR.margin * r) - thickness;
    bar.clear();
    bar
      .rect(x - halo, y - halo, Math.round(pixels) + 2 * halo, thickness + 2 * halo)
      .fill({ color: pixiColour(HALO_COLOUR), alpha: HALO_ALPHA });
    bar.rect(x, y, Math.round(pixels), thickness).fill(pixiColour(SCALE_BAR.colour));
    label.text = text;
    label.style.fontSize = SCALE_BAR.fontSize * r;
    label.style.stroke = { color: pixiColour(HALO_COLOUR), width: 3 * r };
    label.position.set(x, y - Math.round(2 * r));
  }

  return {
    stage,
    /** Brings the scene up to date with `scene` seen through `frame`'s camera. */
    update(scene: OverlayScene, frame: OverlayFrame): void {
      const { camera, viewWidth, viewHeight, pixelRatio } = frame;
      cells.scale.set(camera.zoom);
      cells.position.set(viewWidth / 2 - camera.centerX * camera.zoom, viewHeight / 2 - camera.centerY * camera.zoom);
      const px = pixelRatio / camera.zoom; // one CSS pixel, in cells
      drawClones(scene.clones, frame, px);
      drawRegions(scene, frame, px);
      drawMarker(scene, px);
      drawScaleBar(frame);
    },
    destroy(): void {
      stage.destroy({ children: true });
    },
  };
}

export type OverlayContent = ReturnType<typeof createOverlayContent>;
