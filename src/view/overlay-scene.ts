/**
 * What the overlays show, set by the app: clone labels, the painted regions, the inspected cell. Plain
 * data that outlives a GPU session, so the overlay drawn after a context loss shows what it showed before.
 * The overlay layer redraws a part when its value changes identity: setters take fresh arrays.
 */

export const REGION_KINDS = ['knockout', 'force', 'morphogen'] as const;
export type RegionKind = (typeof REGION_KINDS)[number];

/** The painted fields' masks, one byte per cell (row-major, y * width + x): 1 = painted. */
export type RegionMasks = { width: number; height: number } & Record<RegionKind, Uint8Array>;

export interface Cell {
  x: number;
  y: number;
}

export interface OverlayScene {
  /** One byte per cell (row-major, y * width + x): 0 = no clone, 1..15 = clone label. */
  readonly clones: Uint8Array | null;
  readonly regions: RegionMasks | null;
  readonly inspected: Cell | null;
  setClones(labels: Uint8Array | null): void;
  setPaintedRegions(regions: RegionMasks | null): void;
  setInspected(cell: Cell | null): void;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return false;
  return true;
}

export function createOverlayScene(): OverlayScene {
  // Read-only to the scene's readers; its setters write them.
  const scene: Mutable<OverlayScene> = {
    clones: null,
    regions: null,
    inspected: null,
    setClones(labels) {
      // The app reads the labels again at every measure: the same labels keep the old array, so the
      // outlines are not rebuilt ten times a second for nothing.
      if (!labels || !scene.clones || !sameBytes(labels, scene.clones)) scene.clones = labels;
    },
    setPaintedRegions(next) {
      scene.regions = next;
    },
    setInspected(cell) {
      // The pointer reports the same cell many times: keep the object, so the marker is not rebuilt.
      const { inspected } = scene;
      if (cell?.x !== inspected?.x || cell?.y !== inspected?.y) scene.inspected = cell && { x: cell.x, y: cell.y };
    },
  };
  return scene;
}
