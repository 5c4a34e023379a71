/**
 * Names of the files the app downloads (snapshots, recordings, exported states): the genome's label and
 * the step, keeping letters, digits and emoji of any script (a Growing-NCA model may be named "🦎"), and
 * turning what a file system may refuse (slashes, spaces, punctuation) into dashes.
 */
export function downloadStem(label: string, step: number): string {
  const safe = label
    .replace(/[^\p{L}\p{N}\p{Extended_Pictographic}\p{Join_Control}\p{Variation_Selector}_-]+/gu, '-')
    .replace(/^-+|-+$/g, '');
  return `epigenesis-${safe || 'genome'}-step${step}`;
}
