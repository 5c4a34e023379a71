import { expect, it } from 'vitest';
import { downloadStem } from '../../src/app/file-names.ts';

it('download names keep emoji and letters of any script, and dash what a file system may refuse', () => {
  expect(downloadStem('🦎 lizard', 40)).toBe('epigenesis-🦎-lizard-step40');
  expect(downloadStem('ladybeetle/ladybeetle', 7)).toBe('epigenesis-ladybeetle-ladybeetle-step7');
  expect(downloadStem('Schmetterling – größer.genome.json', 0)).toBe(
    'epigenesis-Schmetterling-größer-genome-json-step0',
  );
  expect(downloadStem('👩‍🔬', 3)).toBe('epigenesis-👩‍🔬-step3');
  expect(downloadStem('///', 1)).toBe('epigenesis-genome-step1');
});
