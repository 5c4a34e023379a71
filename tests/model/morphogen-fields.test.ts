import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Architecture, Genome } from '../../src/model/genome.ts';
import { parseGenome, serializeGenome } from '../../src/model/genome-file.ts';
import { initialMorphogens, morphogenFields } from '../../src/model/morphogen-fields.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import { createSeededState } from '../../src/model/state.ts';

const ARCH: Architecture = {
  channels: 4,
  perception: ['identity'],
  expertHidden: [4, 4],
  gateHidden: null,
  morphogens: 2,
};

function trainedOn(fields: unknown, grid: unknown): Genome {
  const genome = randomGenome(ARCH, { seed: 1 });
  genome.metadata.provenance = { morphogens: fields, config: { grid } };
  return genome;
}

const at = (field: Float32Array, width: number, x: number, y: number, m: number, M = 2) =>
  field[(y * width + x) * M + m];

describe('morphogen fields a genome was trained with', () => {
  it('on the training grid: x and y run from 0 at one edge to 1 at the other', () => {
    const field = morphogenFields(['x', 'y'], 48, 40)!;
    expect(at(field, 48, 0, 0, 0)).toBe(0);
    expect(at(field, 48, 47, 0, 0)).toBeCloseTo(1, 6);
    expect(at(field, 48, 12, 39, 1)).toBeCloseTo(1, 6);
    expect(at(field, 48, 12, 20, 0)).toBeCloseTo(12 / 47, 6);
    const radial = morphogenFields(['radial'], 5, 5)!;
    expect(radial[2 * 5 + 2]).toBe(0);
    expect(radial[0]).toBeCloseTo(1, 6);
  });

  it('on a larger grid: centred, with the training slope, so the organism meets the same values', () => {
    const genome = trainedOn(['x', 'y'], { width: 48, height: 48 });
    const big = initialMorphogens(genome, 128, 96)!;
    expect(at(big, 128, 64, 48, 0)).toBeCloseTo(0.5 + 0.5 / 47, 6); // the centre cell, as on the 48 grid
    expect(at(big, 128, 64 + 47, 48, 0) - at(big, 128, 64, 48, 0)).toBeCloseTo(1, 5); // 47 cells: one unit
    expect(at(big, 128, 0, 0, 0)).toBeLessThan(0); // past the training grid's edge the field runs on
    expect(at(big, 128, 64, 48 + 10, 1) - at(big, 128, 64, 48, 1)).toBeCloseTo(10 / 47, 5);
  });

  it("trained on a larger grid with the fields of a smaller one (grid.morphogenScale): the scale's unit", () => {
    const genome = trainedOn(['x', 'y'], { width: 96, height: 96, morphogenScale: { width: 48, height: 48 } });
    const big = initialMorphogens(genome, 96, 96)!;
    expect(at(big, 96, 48 + 47, 48, 0) - at(big, 96, 48, 48, 0)).toBeCloseTo(1, 5); // 47 cells: one unit
    expect(at(big, 96, 95, 48, 0)).toBeCloseTo(0.5 + 47.5 / 47, 5);
    const bad = trainedOn(['x', 'y'], { width: 96, height: 96, morphogenScale: { width: 1, height: 48 } });
    expect(() => parseGenome(serializeGenome(bad), 'f.genome.json')).toThrow(
      'f.genome.json: field metadata.provenance.config.grid.morphogenScale: expected { width, height } as integers'
        + ' >= 2 (the fields\' unit of length), got {"width":1,"height":48}',
    );
  });

  it('every seeded grid of the genome starts with them painted; genomes without them start with zeros', () => {
    const genome = trainedOn(['y', 'x'], { width: 16, height: 16 });
    const grid = createSeededState(genome, 16, 16);
    expect(at(grid.morphogens, 16, 3, 15, 0)).toBeCloseTo(1, 6);
    expect(at(grid.morphogens, 16, 3, 15, 1)).toBeCloseTo(3 / 15, 6);
    const plain = createSeededState(randomGenome(ARCH, { seed: 1 }), 16, 16);
    expect(plain.morphogens.every((v) => v === 0)).toBe(true);
  });

  it('a file whose field list does not fit is refused at load, naming the field', () => {
    const text = (fields: unknown, grid: unknown = { width: 8, height: 8 }) => serializeGenome(trainedOn(fields, grid));
    expect(() => parseGenome(text(['x']), 'f.genome.json')).toThrow(
      'f.genome.json: field metadata.provenance.morphogens: expected 2 field names (one per morphogen channel) '
        + 'from x, y, radial, environment, got ["x"]',
    );
    expect(() => parseGenome(text(['x', 'z']), 'f.genome.json')).toThrow('got ["x","z"]');
    expect(() => parseGenome(text(['x', 'y'], { width: 'wide' }), 'f.genome.json')).toThrow(
      'f.genome.json: field metadata.provenance.config.grid: expected { width, height } as integers >= 2 '
        + "(the fields' unit of length)",
    );
    expect(parseGenome(text(['x', 'radial']), 'f.genome.json').metadata.provenance.morphogens).toEqual(['x', 'radial']);
  });

  it('the French-flag preset starts with its x gradient', () => {
    const genome = parseGenome(
      readFileSync('presets/french-flag/french-flag.genome.json', 'utf8'),
      'french-flag.genome.json',
    );
    const grid = createSeededState(genome, 48, 48);
    expect(grid.morphogens[0]).toBe(0);
    expect(grid.morphogens[47]).toBeCloseTo(1, 6);
  });

  it('environment: one value everywhere, the value a grid is started in', () => {
    const fields = morphogenFields(['x', 'environment'], 5, 4, 5, 4, 0.3)!;
    for (let cell = 0; cell < 20; cell++) expect(fields[cell * 2 + 1]).toBeCloseTo(0.3, 6);
    expect(fields[0]).toBe(0);
    expect(morphogenFields(['environment'], 3, 3)!.every((v) => v === 0)).toBe(true);
  });
});
