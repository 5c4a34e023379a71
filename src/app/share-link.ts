/**
 * What a share link holds when a local genome file is open: the file itself, packed, where it fits in
 * MAX_LINK_GENOME_CHARS; otherwise only its name, so that the link says what it was taken with, and a
 * notice for the one who shares it.
 */
import { MAX_LINK_GENOME_CHARS, packGenomeText } from '../ui/genome-in-link.ts';
import type { Setup } from '../ui/url-state.ts';
import { DEFAULT_PRESET } from './presets.ts';

export async function linkSetup(setup: Setup, file: { name: string; text: string } | null): Promise<{ setup: Setup; notice: string | null }> {
  if (!file) return { setup, notice: null };
  const genome = await packGenomeText(file.text);
  if (genome.length <= MAX_LINK_GENOME_CHARS) return { setup: { ...setup, file: file.name, genome }, notice: null };
  const kb = (chars: number) => `${Math.ceil(chars / 1024)} KB`;
  return {
    setup: { ...setup, file: file.name },
    notice: `${file.name} cannot travel in the link: packed, it takes ${kb(genome.length)}, and a link carries at most ${kb(MAX_LINK_GENOME_CHARS)}. `
      + `The link holds the rest of the setup; whoever opens it gets ${DEFAULT_PRESET} instead and is told so. Send the file along with it.`,
  };
}
