/**
 * The genome a page opens on: the genome packed in its link, the link's preset, or the default. Nothing
 * here stops the page from opening: a genome the link cannot give is reported in words, and the default
 * preset opens instead.
 */
import type { Genome } from '../model/genome.ts';
import { parseGenome } from '../model/genome-file.ts';
import { unpackGenomeText } from '../ui/genome-in-link.ts';
import type { Setup } from '../ui/url-state.ts';
import { DEFAULT_PRESET, loadPreset } from './presets.ts';

export interface OpeningGenome {
  genome: Genome;
  /** The preset key, or null for the link's local file. */
  preset: string | null;
  label: string;
  /** The local file's text, so that sharing again carries it; null for a preset. */
  fileText: string | null;
  /**
   * False when the link was taken with a file it could not give: its regulation was relative to that
   * genome, so the default preset opens with its own.
   */
  linkRegulationApplies: boolean;
}

async function openPreset(key: string, problems: string[]): Promise<OpeningGenome> {
  let preset = key;
  let loaded = await loadPreset(preset).catch((error: Error) => {
    problems.push(error.message);
    return null;
  });
  if (!loaded) {
    preset = DEFAULT_PRESET;
    loaded = await loadPreset(preset);
  }
  return {
    genome: parseGenome(loaded.text, loaded.fileName),
    preset,
    label: preset,
    fileText: null,
    linkRegulationApplies: true,
  };
}

/** Problems go to `problems`, in words a user reads in the banner. */
export async function openingGenome(setup: Setup, problems: string[]): Promise<OpeningGenome> {
  if (setup.file === undefined && setup.genome === undefined)
    return openPreset(setup.preset ?? DEFAULT_PRESET, problems);
  const name = setup.file ?? 'genome from the link';
  if (setup.genome === undefined) {
    problems.push(
      `This link was taken with the local file ${name}, which was too large to travel in the link: `
        + `${DEFAULT_PRESET} opened instead, with its own regulation.`,
    );
  } else {
    try {
      const text = await unpackGenomeText(setup.genome);
      return {
        genome: parseGenome(text, name),
        preset: null,
        label: name,
        fileText: text,
        linkRegulationApplies: true,
      };
    } catch (error) {
      problems.push(
        `URL: field genome: the genome in the link cannot open: ${(error as Error).message}. `
          + `${DEFAULT_PRESET} opened instead, with its own regulation.`,
      );
    }
  }
  return { ...(await openPreset(DEFAULT_PRESET, problems)), linkRegulationApplies: false };
}
