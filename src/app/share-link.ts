/**
 * What a share link holds beyond the setup: the grid's history (the brush calls to replay, the step to grow
 * to) where it fits in MAX_LINK_STROKES_CHARS; and when a local genome file is open, the file itself, packed,
 * where it fits in MAX_LINK_GENOME_CHARS (its weights in float16 if need be), otherwise only its name, so that
 * the link says what it was taken with. Whatever stays behind, a notice says so to the one who shares it.
 */
import type { Simulation } from '../engine/simulation.ts';
import { expertCount } from '../model/genome.ts';
import type { JournalOp } from '../model/journal-ops.ts';
import { environmentChannels } from '../model/morphogen-fields.ts';
import { PARAMETER_NAMES, resolveParams, type ScalarParams } from '../model/params.ts';
import { MAX_LINK_GENOME_CHARS, packGenomeForLink } from '../ui/genome-in-link.ts';
import { MAX_LINK_STROKES_CHARS, packStrokes } from '../ui/strokes-in-link.ts';
import type { Setup } from '../ui/url-state.ts';
import type { AppModel } from './app-context.ts';
import { DEFAULT_PRESET } from './presets.ts';

/** The share link's setup: the parameters that differ from the genome's own regulation, and the rest. */
export function shareSetup(model: AppModel, sim: Simulation): Setup {
  const own = resolveParams(model.genome.regulation, expertCount(model.genome), model.label) as ScalarParams;
  const current = sim.params as ScalarParams;
  const params: Setup['params'] = Object.fromEntries(
    PARAMETER_NAMES.filter((n) => current[n] !== own[n]).map((n) => [n, current[n]]),
  );
  return {
    preset: model.preset ?? undefined,
    seed: sim.seed,
    width: sim.width,
    height: sim.height,
    params,
    knockouts: sim.params.knockouts,
    view: model.view,
    camera: model.camera,
    ...(environmentChannels(model.genome).length > 0 ? { environment: sim.environment } : {}),
  };
}

export interface LinkHistory {
  /** The step the grid is at. */
  step: number;
  /** Its brush calls since it started over, or why they cannot reproduce it (stroke-journal.ts). */
  journal: { ops: JournalOp[] } | { lost: string };
}

/** The setup with the grid's history: the brush calls to replay and the step to grow to, where they fit. */
export async function withHistory(
  setup: Setup,
  history: LinkHistory,
): Promise<{ setup: Setup; notice: string | null }> {
  const kb = (chars: number) => `${Math.ceil(chars / 1024)} KB`;
  if ('lost' in history.journal) {
    return {
      setup,
      notice: `The link opens the setup growing from one seed cell, not this grid: ${history.journal.lost}.`,
    };
  }
  if (history.journal.ops.length === 0) return { setup, notice: null };
  const strokes = await packStrokes(history.journal.ops);
  if (strokes.length > MAX_LINK_STROKES_CHARS) {
    return {
      setup,
      notice:
        `Your strokes cannot travel in the link: packed, they take ${kb(strokes.length)}, `
        + `and a link carries at most ${kb(MAX_LINK_STROKES_CHARS)}. The link opens the setup without them.`,
    };
  }
  return { setup: { ...setup, strokes, at: history.step }, notice: null };
}

export async function linkSetup(
  setup: Setup,
  file: { name: string; text: string } | null,
): Promise<{ setup: Setup; notice: string | null }> {
  if (!file) return { setup, notice: null };
  const { packed: genome, float16 } = await packGenomeForLink(file.text, file.name);
  const kb = (chars: number) => `${Math.ceil(chars / 1024)} KB`;
  if (genome.length <= MAX_LINK_GENOME_CHARS) {
    const notice = float16
      ? `${file.name} travels in the link with its weights rounded to float16 (about 3 significant digits): `
        + `as it is, it would take more than the ${kb(MAX_LINK_GENOME_CHARS)} a link carries.`
      : null;
    return { setup: { ...setup, file: file.name, genome }, notice };
  }
  return {
    setup: { ...setup, file: file.name },
    notice:
      `${file.name} cannot travel in the link: packed, it takes ${kb(genome.length)}, `
      + `and a link carries at most ${kb(MAX_LINK_GENOME_CHARS)}. `
      + `The link holds the rest of the setup; whoever opens it gets ${DEFAULT_PRESET} instead and is told so. `
      + 'Send the file along with it.',
  };
}
