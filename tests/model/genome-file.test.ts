import { describe, expect, it } from 'vitest';
import { parseGenome, serializeGenome } from '../../src/model/genome-file.ts';
import { PERCEPTION_FILTERS } from '../../src/model/perception.ts';
import { randomGenome } from '../../src/model/random-genome.ts';
import { testArchitecture } from '../support/genomes.ts';

// Every filter, a gate with a hidden layer and morphogens: every part of the file.
const perception = [...PERCEPTION_FILTERS];
const ARCH = testArchitecture({ channels: 6, perception, expertHidden: [8, 5, 12], gateHidden: 4, morphogens: 2 });
const FILE = 'test.genome.json';
const genome = randomGenome(ARCH, { seed: 7, regulation: { topK: 2, plasticity: 0.2, knockouts: [1] }, name: 'test' });

/** A valid genome file as JSON, edited by `edit` and serialised: the malformed cases below. */
// biome-ignore lint/suspicious/noExplicitAny: each test edits another path of a genome file's JSON
function fileWith(edit: (json: any) => void): string {
  const json = JSON.parse(serializeGenome(genome));
  edit(json);
  return JSON.stringify(json);
}

/** A valid genome file with the field at `path` ("weights.gate[1].b") set to `value`, or left out if undefined. */
function fileWithField(path: string, value: unknown): string {
  const keys = path.split(/[.[\]]+/).filter((key) => key !== '');
  const last = keys.pop()!;
  return fileWith((json) => {
    const parent = keys.reduce((node, key) => node[key], json);
    if (value === undefined) delete parent[last];
    else parent[last] = value;
  });
}

describe('genome file v1', () => {
  it('round-trips exactly through save and load', () => {
    const loaded = parseGenome(serializeGenome(genome), FILE);
    expect(loaded.architecture).toEqual(genome.architecture);
    expect(loaded.regulation).toEqual(genome.regulation);
    expect(loaded.metadata).toEqual(genome.metadata);
    expect(loaded.gate!.layers.map((l) => [...l.w])).toEqual(genome.gate!.layers.map((l) => [...l.w]));
    loaded.experts.forEach((expert, k) => {
      expect(expert.hidden.w).toEqual(genome.experts[k].hidden.w);
      expect(expert.hidden.b).toEqual(genome.experts[k].hidden.b);
      expect(expert.out.w).toEqual(genome.experts[k].out.w);
      expect(expert.out.b).toEqual(genome.experts[k].out.b);
    });
    expect(serializeGenome(loaded)).toBe(serializeGenome(genome));
  });

  it('stores float16 at half the size, close to the float32 weights, and round-trips that exactly', () => {
    const half = serializeGenome(genome, 'float16');
    const loaded = parseGenome(half, FILE);
    const w = genome.experts[0].hidden.w;
    const maxError = Math.max(...loaded.experts[0].hidden.w.map((v, i) => Math.abs(v - w[i])));
    expect(maxError).toBeGreaterThan(0);
    expect(maxError).toBeLessThan(1e-3);
    expect(serializeGenome(loaded, 'float16')).toBe(half);
    const weightChars = (text: string) => JSON.parse(text).weights.experts[0].hidden.w.data.length;
    expect(weightChars(half) * 2).toBeCloseTo(weightChars(serializeGenome(genome)), -1);
  });

  it('accepts a linear gate and no gate', () => {
    for (const gateHidden of [0, null]) {
      const g = randomGenome({ ...ARCH, gateHidden, expertHidden: gateHidden === null ? [8] : [8, 8] }, { seed: 1 });
      expect(parseGenome(serializeGenome(g), FILE).gate?.layers.length ?? null).toBe(gateHidden === null ? null : 1);
    }
  });
});

const MALFORMED: [string, string, RegExp | string][] = [
  ['not JSON', 'hello', /^test\.genome\.json: expected JSON .* does not parse/],
  ['an empty file', '', /^test\.genome\.json: expected JSON .*the file is empty/],
  ['a truncated file', serializeGenome(genome).slice(0, 500), /^test\.genome\.json: expected JSON .* does not parse/],
  ['a number instead of an object', '42', /^test\.genome\.json: expected a genome object .* got number/],
  ['another format', fileWithField('format', 'png'), /field format: expected "epigenesis-genome", got "png"/],
  ['a future version', fileWithField('version', 2), /field version: expected 1, got 2/],
  [
    'a missing field',
    fileWithField('architecture.channels', undefined),
    /field architecture\.channels: expected an integer in \[4, 64\], got nothing \(missing\)/,
  ],
  [
    'a missing section',
    fileWithField('weights', undefined),
    /field weights: expected an object with experts, gate, got nothing \(missing\)/,
  ],
  [
    'a wrong type',
    fileWithField('architecture.channels', '16'),
    /field architecture\.channels: expected an integer in \[4, 64\], got "16"/,
  ],
  [
    'a fractional size',
    fileWithField('architecture.morphogens', 1.5),
    /field architecture\.morphogens: expected an integer in \[0, 8\], got 1\.5/,
  ],
  [
    'an unknown filter',
    fileWithField('architecture.perception[0]', 'blur'),
    /field architecture\.perception\[0\]: expected one of identity, sobel_x, sobel_y, laplacian, got "blur"/,
  ],
  [
    'an unknown field',
    fileWithField('architecture.colour', 1),
    /field architecture: unknown field "colour"; expected only channels, perception, experts, gate, morphogens/,
  ],
  [
    'channels > 64',
    fileWithField('architecture.channels', 65),
    /field architecture\.channels: expected an integer in \[4, 64\], got 65/,
  ],
  [
    'K > 16',
    fileWithField(
      'architecture.experts',
      Array.from({ length: 17 }, () => ({ hidden: 8 })),
    ),
    /field architecture\.experts: expected 1 to 16 experts, got 17/,
  ],
  [
    'no experts',
    fileWithField('architecture.experts', []),
    /field architecture\.experts: expected 1 to 16 experts, got none/,
  ],
  [
    'hidden > 512',
    fileWithField('architecture.experts[0].hidden', 513),
    /field architecture\.experts\[0\]\.hidden: expected an integer in \[1, 512\], got 513/,
  ],
  [
    'gate hidden > 512',
    fileWithField('architecture.gate.hidden', 100000),
    /field architecture\.gate\.hidden: expected an integer in \[0, 512\], got 100000/,
  ],
  [
    'a weight shape that does not match',
    fileWithField('architecture.experts[0].hidden', 9),
    /field weights\.experts\[0\]\.hidden\.w\.shape: expected \[24, 9\] for this architecture, got \[24, 8\]/,
  ],
  [
    'an expert too few',
    fileWith((j) => {
      j.weights.experts.pop();
    }),
    /field weights\.experts: expected 3 experts \(architecture\.experts\), got 2/,
  ],
  [
    'gate layers that do not match',
    fileWith((j) => {
      j.weights.gate.pop();
    }),
    /field weights\.gate: expected 2 layers for architecture\.gate\.hidden = 4, got 1/,
  ],
  [
    'gate weights without a gate',
    fileWithField('architecture.gate', null),
    /field weights\.gate: expected null \(architecture\.gate is null\), got 2 layers/,
  ],
  [
    'base64 of the wrong length',
    fileWith((j) => {
      j.weights.experts[1].out.b.data = j.weights.experts[1].out.b.data.slice(8);
    }),
    'field weights.experts[1].out.b.data: expected 32 base64 characters '
      + '(24 bytes: 6 float32 values for shape [6]), got 24 characters (18 bytes)',
  ],
  [
    'text that is not base64',
    fileWithField('weights.experts[0].out.b.data', 'not base64!!'),
    /field weights\.experts\[0\]\.out\.b\.data: expected base64 text/,
  ],
  [
    'a wrong dtype',
    fileWithField('weights.experts[0].out.b.dtype', 'int8'),
    /field weights\.experts\[0\]\.out\.b\.dtype: expected "float32" or "float16", got "int8"/,
  ],
  [
    'NaN weights',
    fileWithField('weights.experts[0].out.b.data', floats([1, NaN, 0, 0, 0, 0])),
    /field weights\.experts\[0\]\.out\.b\.data: expected finite numbers, got NaN at index 1/,
  ],
  [
    'Infinity weights',
    fileWithField('weights.gate[1].b.data', floats([0, 0, Infinity])),
    /field weights\.gate\[1\]\.b\.data: expected finite numbers, got Infinity at index 2/,
  ],
  [
    'a regulation value out of range',
    fileWithField('regulation.topK', 0),
    /field regulation\.topK: expected an integer in \[1, 16\], got 0/,
  ],
  [
    'an unknown regulation parameter',
    fileWithField('regulation.speed', 2),
    /field regulation\.speed: unknown parameter; expected one of temperature, topK/,
  ],
  [
    'a knockout of a missing expert',
    fileWithField('regulation.knockouts', [3]),
    /field regulation\.knockouts: expected an array of expert indices in \[0, 2\], got \[3\]/,
  ],
];

function floats(values: number[]): string {
  return Buffer.from(new Float32Array(values).buffer).toString('base64');
}

describe('malformed genome files', () => {
  it.each(MALFORMED)('%s gets a message naming the file, the field and what was expected', (_, text, message) => {
    expect(() => parseGenome(text, FILE)).toThrow(message);
  });
});
