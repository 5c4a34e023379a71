/**
 * How the overlays look. Widths are in CSS pixels (times the device pixel ratio when drawn). Painted
 * regions differ by colour and by dash pattern, so they tell apart in a greyscale print too; each line
 * lies on a light halo, so it shows over a dark body as well as over the paper.
 */
import { HEAT_RAMP, KNOCKOUT_STRIPE, type Rgb } from '../model/palette.ts';
import type { RegionKind } from './overlay-scene.ts';

/** Clone outlines: lines this wide, just inside the clone's cells, in the clone's colour. */
export const CLONE_LINE = 2;

export interface RegionStyle {
  colour: Rgb;
  /** Dash and gap lengths in CSS pixels; null draws a solid line. */
  dash: readonly [number, number] | null;
}

export const REGION_LINE = 2;
/** The light halo under a region line, each side of it. */
export const HALO = 1;
export const HALO_COLOUR: Rgb = [0xfb, 0xfa, 0xf7];
export const HALO_ALPHA = 0.85;

export const REGION_STYLES: Record<RegionKind, RegionStyle> = {
  /** The near black of the knockout stripes in the fields view, solid. */
  knockout: { colour: KNOCKOUT_STRIPE, dash: null },
  /** Forcing is overexpression: a warm red, long dashes. */
  force: { colour: [0xc4, 0x1e, 0x3a], dash: [8, 4] },
  /** The dark end of the morphogen view's heat ramp, dots. */
  morphogen: { colour: HEAT_RAMP[0], dash: [2, 3] },
};

/** The inspected cell: a dark square just outside it, on a halo, so the cell's own colour stays visible. */
export const MARKER_COLOUR: Rgb = [0x23, 0x23, 0x1f];
export const MARKER_LINE = 2;

/** The scale bar: bottom-left, at most this long, with its label above it. */
export const SCALE_BAR = {
  maxLength: 160,
  thickness: 4,
  margin: 12,
  fontSize: 12,
  colour: [0x23, 0x23, 0x1f] as Rgb,
} as const;

export const pixiColour = (c: Rgb) => (c[0] << 16) | (c[1] << 8) | c[2];
