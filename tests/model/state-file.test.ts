import { describe, expect, it } from 'vitest';
import { parseState, serializeState } from '../../src/model/state-file.ts';
import { randomLivingState } from './grids.ts';
import { testGenome } from '../support/genomes.ts';

const genome = testGenome({ channels: 8, expertHidden: [6, 6, 6], morphogens: 2 }, { seed: 2 });
const grid = { ...randomLivingState(genome, 11, 7, 4), step: 23 };
grid.clones.set([3, 3, 0, 15], 20);
const text = serializeState(grid, 'tiny');
/** The file with these fields changed; a field set to undefined is left out. */
const edited = (fields: Record<string, unknown>) => JSON.stringify({ ...JSON.parse(text), ...fields });

describe('state files', () => {
  it('round-trip every array and the step', () => {
    const back = parseState(text, 'grid.state.json');
    expect(back).toMatchObject({ width: 11, height: 7, channels: 8, experts: 3, morphogenCount: 2, step: 23 });
    for (const field of ['state', 'marks', 'expression', 'morphogens', 'knockoutMask', 'forced', 'clones'] as const) {
      expect([...back[field]]).toEqual([...grid[field]]);
    }
  });

  it('load an export from before lineage tracing with no clones', () => {
    const back = parseState(edited({ clones: undefined }), 'old.state.json');
    expect(back.clones.length).toBe(77);
    expect(back.clones.every((label) => label === 0)).toBe(true);
  });

  it.each([
    ['not JSON', '{"format":', /^grid\.state\.json: not JSON/],
    [
      'another format',
      edited({ format: 'png' }),
      'grid.state.json: field format: expected "epigenesis-state", got "png"',
    ],
    [
      'a grid too large',
      edited({ width: 5000 }),
      'grid.state.json: field width: expected an integer in [3, 4096], got 5000',
    ],
    [
      'too many experts',
      edited({ experts: 17 }),
      'grid.state.json: field experts: expected an integer in [1, 16], got 17',
    ],
    [
      'a missing array',
      edited({ marks: undefined }),
      'grid.state.json: field marks: expected a string, got nothing (missing)',
    ],
    ['an unknown field', edited({ colour: 1 }), /grid\.state\.json: unknown field "colour"/],
    ['not base64', edited({ forced: '@@@' }), 'grid.state.json: field forced: expected base64 text'],
    [
      'an array of another size',
      edited({ width: 12 }),
      'grid.state.json: field state: expected 672 values for a 12x7 grid, got 616',
    ],
    [
      'a clone label out of range',
      edited({ clones: Buffer.from(new Uint8Array(77).fill(16)).toString('base64') }),
      'grid.state.json: field clones: expected labels in [0, 15], got 16 at cell 0',
    ],
  ])('%s is refused, naming the field', (_, bad, message) => {
    expect(() => parseState(bad, 'grid.state.json')).toThrow(message);
  });
});
