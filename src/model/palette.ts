/**
 * The colours every view shares (CLI renders and the app): one per expert, the background, the grey of
 * silent cells and the potency ramp. 8-bit sRGB, pure data.
 *
 * The expert colours were picked for a light background: every one has a contrast ratio of at least 2.2
 * against BACKGROUND and they stay at least 18 CIELAB units apart from each other and from SILENT_GREY.
 * The first eight are the familiar Tableau/matplotlib set, so small genomes (K = 2..4) get the most
 * distinct ones.
 */
import { LIMITS } from './genome.ts';

export type Rgb = readonly [number, number, number];

export const EXPERT_COLOURS: readonly Rgb[] = [
  [0x1f, 0x77, 0xb4], // blue
  [0xd6, 0x27, 0x28], // red
  [0x2c, 0xa0, 0x2c], // green
  [0xff, 0x7f, 0x0e], // orange
  [0x94, 0x67, 0xbd], // purple
  [0x17, 0xa2, 0xb8], // cyan
  [0xe3, 0x77, 0xc2], // pink
  [0x8c, 0x56, 0x4b], // brown
  [0xa3, 0xa5, 0x00], // olive
  [0x00, 0x00, 0x75], // navy
  [0x80, 0x00, 0x00], // maroon
  [0x46, 0x99, 0x90], // teal
  [0xf0, 0x32, 0xe6], // magenta
  [0xd4, 0x9a, 0x00], // amber
  [0x23, 0x2c, 0x16], // near black
  [0x5f, 0x0f, 0x40], // plum
];

/** Light, slightly warm paper: where there are no cells. */
export const BACKGROUND: Rgb = [0xf6, 0xf5, 0xf0];

/** Alive cells that expressed nothing (all experts knocked out, or a fresh seed). */
export const SILENT_GREY: Rgb = [0xa0, 0xa0, 0xa0];

/**
 * Grey levels of the potency view: pluripotent cells dark, committed cells light, so the undecided
 * cells stand out; the committed end (200) stays visibly darker than BACKGROUND (about 245).
 */
export const POTENCY_RAMP = { pluripotent: 20, committed: 200 } as const;

/** Heatmaps of values in [0, 1] (expression, marks, morphogens): dark blue -> teal -> yellow. */
export const HEAT_RAMP: readonly [Rgb, Rgb, Rgb] = [
  [43, 28, 107],
  [33, 145, 140],
  [252, 232, 38],
];

/** A state channel's sign: negative, positive (over BACKGROUND at zero). */
export const SIGNED_RAMP = { negative: [31, 120, 181] as Rgb, positive: [214, 39, 40] as Rgb };

/**
 * Painted knockouts in the fields view: diagonal stripes of this near black over the cells, which no flat
 * colour (an expert's, a red body's) can be mistaken for.
 */
export const KNOCKOUT_STRIPE: Rgb = [24, 24, 24];
/** Width of a knockout stripe in screen pixels (and of the gap between two). */
export const KNOCKOUT_STRIPE_PIXELS = 4;

/** Alive cells in the alive-mask view. */
export const ALIVE_DARK: Rgb = [33, 33, 33];

/** The colour of expert `k` (K never exceeds LIMITS.maxExperts, the palette's length). */
export function expertColour(k: number): Rgb {
  return EXPERT_COLOURS[k % LIMITS.maxExperts];
}

/** The grey level for a potency in [0, 1] (clamped). */
export function potencyGrey(potency: number): number {
  const p = Math.min(1, Math.max(0, potency));
  return Math.round(POTENCY_RAMP.committed + (POTENCY_RAMP.pluripotent - POTENCY_RAMP.committed) * p);
}

/**
 * Clone labels 1..15 (lineage tracing, src/model/clones.ts): saturated colours that stand out as outlines over
 * any render mode, over the light background and over a red or dark body alike. Label 0 (no clone) has none.
 */
export const CLONE_COLOURS: readonly Rgb[] = [
  // sky, yellow, magenta, lime, orange, violet, aqua, coral, chartreuse, azure, pink, bronze, jade, silver, indigo
  '00c8ff',
  'ffd000',
  'ff2ec4',
  '3ce03c',
  'ff8a00',
  '8a5cff',
  '00e0b0',
  'ff5c5c',
  'c0ff00',
  '007aff',
  'ffa8e0',
  'b07000',
  '00a060',
  'e0e0e0',
  '6000c0',
].map((hex): Rgb => [parseInt(hex.slice(0, 2), 16), parseInt(hex.slice(2, 4), 16), parseInt(hex.slice(4, 6), 16)]);

/** Living cells of no clone in the clone view: a light grey that every clone colour stands out from. */
export const CLONELESS_GREY: Rgb = [0xd0, 0xd0, 0xd0];

/** The colour of clone `label` (1..15). */
export function cloneColour(label: number): Rgb {
  return CLONE_COLOURS[(label - 1 + CLONE_COLOURS.length) % CLONE_COLOURS.length];
}
