/**
 * The render modes of the view: what each shows, and which take an index (an expert, a channel, a
 * morphogen field). The numbers are kernels/render.glsl's `u_mode`.
 */

export const RENDER_MODES = {
  phenotype: {
    code: 0,
    label: 'phenotype',
    index: null,
    meaning: 'the colour the cells show, over the light background',
  },
  type: {
    code: 1,
    label: 'cell type',
    index: null,
    meaning: 'each alive cell coloured by its dominant expressed expert (grey: silent)',
  },
  expression: {
    code: 2,
    label: 'expression',
    index: 'expert',
    meaning: 'how much of one expert each cell expresses (heatmap)',
  },
  marks: { code: 3, label: 'marks', index: 'expert', meaning: 'the epigenetic mark of one expert (heatmap)' },
  potency: { code: 4, label: 'potency', index: null, meaning: 'dark = pluripotent, light = committed' },
  alive: { code: 5, label: 'alive mask', index: null, meaning: 'cells whose alpha exceeds 0.1' },
  channel: {
    code: 6,
    label: 'state channel',
    index: 'channel',
    meaning: 'one state channel, hidden ones included (red +, blue -)',
  },
  morphogen: { code: 7, label: 'morphogen', index: 'morphogen', meaning: 'one painted morphogen field over the cells' },
  fields: {
    code: 8,
    label: 'painted fields',
    index: null,
    meaning: 'knockouts (dark stripes) and forced experts (their colour) over the cells',
  },
  clone: {
    code: 9,
    label: 'clone',
    index: null,
    meaning: "each living cell in its clone's colour (light grey: no clone); mark clones with the Mark clone tool",
  },
} as const;

export type RenderMode = keyof typeof RENDER_MODES;
export const RENDER_MODE_NAMES = Object.keys(RENDER_MODES) as RenderMode[];

export function isRenderMode(name: string): name is RenderMode {
  return Object.hasOwn(RENDER_MODES, name);
}

export interface ViewSettings {
  mode: RenderMode;
  /** Expert, channel or morphogen the mode shows; ignored by modes without an index. */
  index: number;
}

/** How many indices a mode offers for a genome of these sizes (0 for modes without an index). */
export function indexCount(mode: RenderMode, sizes: { experts: number; channels: number; morphogens: number }): number {
  const kind = RENDER_MODES[mode].index;
  if (kind === 'expert') return sizes.experts;
  if (kind === 'channel') return sizes.channels;
  if (kind === 'morphogen') return sizes.morphogens;
  return 0;
}
