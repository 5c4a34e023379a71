/**
 * Views of a grid as 8-bit RGBA pictures (W x H x 4, row 0 = grid row y = 0 at the top): what the CLI saves
 * and what the app's render modes must agree with. Pure: no DOM, no Node.
 */
import { expertCount, type Genome } from './genome.ts';
import { cellType, isAliveCell } from './metrics.ts';
import {
  BACKGROUND,
  CLONELESS_GREY,
  SILENT_GREY,
  cloneColour,
  expertColour,
  potencyGrey,
  type Rgb,
} from './palette.ts';
import { potency } from './regulation.ts';
import { ALPHA_CHANNEL, type CellState } from './state.ts';

export const VIEW_NAMES = ['phenotype', 'type', 'potency', 'clone', 'rgba'] as const;
export type ViewName = (typeof VIEW_NAMES)[number];

export const VIEW_MEANINGS: Record<ViewName, string> = {
  phenotype: 'the colour the cells show, composited over the light background',
  type: 'each alive cell coloured by its dominant expert (grey: silent)',
  potency: 'grey ramp over alive cells: dark = pluripotent, light = committed',
  clone: "each alive cell in its clone's colour (light grey: no clone; see --clone)",
  rgba: 'the raw premultiplied RGBA channels clamped to [0, 1], no background (for losses)',
};

export function isViewName(name: string): name is ViewName {
  return (VIEW_NAMES as readonly string[]).includes(name);
}

export function renderView(genome: Genome, grid: CellState, view: ViewName): Uint8ClampedArray {
  if (grid.channels !== genome.architecture.channels || grid.experts !== expertCount(genome)) {
    throw new Error(
      `renderView: grid has ${grid.channels} channels and ${grid.experts} experts, `
        + `the genome ${genome.architecture.channels} and ${expertCount(genome)}`,
    );
  }
  const cells = grid.width * grid.height;
  // Uint8ClampedArray rounds and clamps on assignment, so the views write 0..255 floats directly.
  const out = new Uint8ClampedArray(cells * 4);
  for (let cell = 0; cell < cells; cell++) {
    const o = cell * 4;
    if (view === 'rgba' || view === 'phenotype') {
      const base = cell * grid.channels;
      const alpha = unit(grid.state[base + ALPHA_CHANNEL]);
      // Premultiplied colour over an opaque background: rgb + (1 - alpha) * background.
      const under = view === 'phenotype' ? 1 - alpha : 0;
      for (let c = 0; c < 3; c++) out[o + c] = unit(grid.state[base + c]) * 255 + under * BACKGROUND[c];
      out[o + 3] = view === 'phenotype' ? 255 : alpha * 255;
      continue;
    }
    let colour: Rgb = BACKGROUND;
    if (isAliveCell(grid, cell)) {
      if (view === 'type') {
        const type = cellType(grid, cell);
        colour = type < 0 ? SILENT_GREY : expertColour(type);
      } else if (view === 'clone') {
        const label = grid.clones[cell];
        colour = label === 0 ? CLONELESS_GREY : cloneColour(label);
      } else {
        const grey = potencyGrey(potency(grid.marks, cell * grid.experts, grid.experts));
        colour = [grey, grey, grey];
      }
    }
    out[o] = colour[0];
    out[o + 1] = colour[1];
    out[o + 2] = colour[2];
    out[o + 3] = 255;
  }
  return out;
}

/** Clamps to [0, 1]; NaN (a diverged cell) reads as 0 rather than poisoning the picture. */
function unit(value: number): number {
  return value > 0 ? Math.min(1, value) : 0;
}
