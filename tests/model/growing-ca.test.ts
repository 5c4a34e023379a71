/**
 * The Growing-NCA importer, held to three truths: the published models grow the lizard they were trained on
 * (known answers from tests/fixtures/growing-ca/README.md), the reference step equals the plain Growing-NCA
 * maths written out independently here, and malformed files are refused with messages that say where.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { Rng } from '../../src/model/rng.ts';
import { describe, expect, it } from 'vitest';
import { readPng } from '../../src/cli/png.ts';
import { importGrowingCa, isGrowingCaModel } from '../../src/model/growing-ca.ts';
import { resolveParams } from '../../src/model/params.ts';
import { referenceStep, runReference } from '../../src/model/reference.ts';
import { createEmptyState, createSeededState, type CellState } from '../../src/model/state.ts';
import { padTarget, premultiplyRgba8, rgbaLoss, sheetTile } from '../../src/model/target.ts';

const FIXTURES = fileURLToPath(new URL('../fixtures/growing-ca/', import.meta.url));
const readJson = (name: string): unknown => JSON.parse(readFileSync(FIXTURES + name, 'utf8'));

/** The lizard (tile 0) padded by 16 on every side to 72x72, as the README's known answers use it. */
function lizardTarget(): Float32Array {
  const sheet = readPng(`${FIXTURES}emoji-targets.png`);
  const tile = premultiplyRgba8(sheetTile(sheet.data, sheet.width, sheet.height, 0), 40, 40);
  return padTarget(tile, 40, 40, 72, 72);
}

describe('importGrowingCa: the genome it builds', () => {
  it('is a K = 1, 16-channel, identity/sobel_x/sobel_y genome with attribution', () => {
    const genome = importGrowingCa(readJson('lizard-regenerating.json'), 'models/lizard-regenerating.json');
    expect(genome.architecture).toEqual({
      channels: 16,
      perception: ['identity', 'sobel_x', 'sobel_y'],
      expertHidden: [128],
      gateHidden: null,
      morphogens: 0,
    });
    expect(genome.gate).toBeNull();
    expect(genome.regulation).toEqual({ fireRate: 0.5, topK: 1 });
    expect(genome.metadata.name).toBe('lizard-regenerating');
    expect(genome.metadata.provenance).toEqual({ importedFrom: 'growing-ca', file: 'models/lizard-regenerating.json' });
    expect(genome.metadata.attribution).toMatch(/Mordvintsev.*Randazzo.*Niklasson.*Levin.*Distill, 2020.*CC-BY 4\.0/);
    const [{ hidden, out }] = genome.experts;
    expect([hidden.inputs, hidden.outputs, hidden.w.length, hidden.b.length]).toEqual([48, 128, 48 * 128, 128]);
    expect([out.inputs, out.outputs, out.w.length, out.b.length]).toEqual([128, 16, 128 * 16, 16]);
  });

  it('is recognised by the sniff, and other JSON is not', () => {
    expect(isGrowingCaModel(readJson('lizard-growing.json'))).toBe(true);
    for (const other of [{}, [], [{}], null, 'x', { architecture: {} }]) expect(isGrowingCaModel(other)).toBe(false);
  });
});

describe('Growing-NCA known answers (72x72, centre seed, 200 steps)', () => {
  const target = lizardTarget();

  it('target alone against an empty grid has loss 0.0408', () => {
    const genome = importGrowingCa(readJson('lizard-growing.json'), 'lizard-growing.json');
    expect(rgbaLoss(createEmptyState(genome, 72, 72), target)).toBeCloseTo(0.0408, 4);
  });

  const cases = [
    ['lizard-growing.json', 0.002],
    ['lizard-persistent.json', 0.0003],
    ['lizard-regenerating.json', 0.001],
  ] as const;
  for (const [file, expected] of cases) {
    it(`${file} grows the lizard: loss near ${expected}`, () => {
      const genome = importGrowingCa(readJson(file), file);
      const params = resolveParams(genome.regulation, 1, file);
      const losses = [1, 2, 3].map((seed) =>
        rgbaLoss(runReference(genome, params, createSeededState(genome, 72, 72), seed, 200), target),
      );
      const mean = losses.reduce((a, b) => a + b, 0) / losses.length;
      // Stochastic: within 3x or 0.002 of the README, whichever is looser. Nothing grown would be ~0.04.
      const note = `losses ${losses.join(', ')}`;
      expect(mean, note).toBeLessThanOrEqual(Math.max(3 * expected, expected + 0.002));
      expect(mean, note).toBeGreaterThanOrEqual(Math.min(expected / 3, expected - 0.002));
    });
  }
});

/** The published maths, written out plainly: float64, weights read straight from the uint8 matrix. */
function plainGrowingNcaStep(json: unknown, state: Float64Array, width: number, height: number): Float64Array {
  const C = 16;
  const layers = (
    json as { data_b64: string; in_ch: number; out_ch: number; weight_scale: number; bias_scale: number }[]
  ).map((l) => ({ ...l, bytes: Buffer.from(l.data_b64, 'base64') }));
  // Row r (input channel, or the bias row r = in_ch), column c (output channel).
  const at = (layer: (typeof layers)[number], r: number, c: number) =>
    (layer.bytes[r * layer.out_ch + c] / 255 - 0.5) * (r < layer.in_ch ? layer.weight_scale : layer.bias_scale);
  const sobelX = [
    [-1, 0, 1],
    [-2, 0, 2],
    [-1, 0, 1],
  ].map((row) => row.map((v) => v / 8));
  const sobelY = [0, 1, 2].map((i) => [0, 1, 2].map((j) => sobelX[j][i])); // transpose
  const get = (s: Float64Array, x: number, y: number, c: number) =>
    s[((((y % height) + height) % height) * width + (((x % width) + width) % width)) * C + c];
  const alive = (s: Float64Array, x: number, y: number) => {
    let max = -Infinity;
    for (let dy = -1; dy <= 1; dy++) for (let dx = -1; dx <= 1; dx++) max = Math.max(max, get(s, x + dx, y + dy, 3));
    return max > 0.1;
  };

  const next = new Float64Array(state.length);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const p: number[] = [];
      for (let c = 0; c < C; c++) p.push(get(state, x, y, c));
      for (const kernel of [sobelX, sobelY]) {
        for (let c = 0; c < C; c++) {
          let sum = 0;
          for (let ky = 0; ky < 3; ky++)
            for (let kx = 0; kx < 3; kx++) sum += kernel[ky][kx] * get(state, x + kx - 1, y + ky - 1, c);
          p.push(sum);
        }
      }
      const [l0, l1] = layers;
      const h: number[] = [];
      for (let j = 0; j < l0.out_ch; j++) {
        let sum = at(l0, l0.in_ch, j);
        for (let i = 0; i < l0.in_ch; i++) sum += p[i] * at(l0, i, j);
        h.push(Math.max(0, sum));
      }
      for (let c = 0; c < C; c++) {
        let sum = at(l1, l1.in_ch, c);
        for (let j = 0; j < l1.in_ch; j++) sum += h[j] * at(l1, j, c);
        next[(y * width + x) * C + c] = get(state, x, y, c) + sum; // fire rate 1: every cell updates
      }
    }
  }
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      if (alive(state, x, y) && alive(next, x, y)) continue;
      next.fill(0, (y * width + x) * C, (y * width + x + 1) * C);
    }
  }
  return next;
}

function maxAbsDifference(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i] - b[i]));
  return max;
}

describe('reference step with fire rate 1 and K = 1 equals the plain Growing-NCA maths', () => {
  const json = readJson('lizard-regenerating.json');
  const genome = importGrowingCa(json, 'lizard-regenerating.json');
  const everyCell = resolveParams({ ...genome.regulation, fireRate: 1 }, 1, 'test');

  function compareFrom(start: CellState, steps: number): void {
    let reference = start;
    let plain: Float64Array = Float64Array.from(start.state);
    for (let i = 0; i < steps; i++) {
      reference = referenceStep(genome, everyCell, reference, 7).grid;
      plain = plainGrowingNcaStep(json, plain, start.width, start.height);
      expect(maxAbsDifference(reference.state, plain), `step ${i + 1}`).toBeLessThanOrEqual(1e-5);
    }
  }

  it('from a half-grown lizard (40 stochastic steps in), for 3 steps', () => {
    const params = resolveParams(genome.regulation, 1, 'test');
    const grown = runReference(genome, params, createSeededState(genome, 48, 40), 3, 40);
    expect(grown.state.some((v, i) => i % 16 === 3 && v > 0.1)).toBe(true); // something is alive to compare
    compareFrom(grown, 3);
  });

  it('from a random state on a non-square grid', () => {
    const grid = createEmptyState(genome, 20, 13);
    const rng = new Rng(12345); // the project's PRNG, not the hash the step is checked against
    // Alpha (channel 3) below 0.12: about 1 in 5 cells dead.
    for (let i = 0; i < grid.state.length; i++) grid.state[i] = i % 16 === 3 ? rng.next() * 0.12 : rng.next() * 2 - 1;
    compareFrom(grid, 2);
  });
});

describe('importGrowingCa: malformed files', () => {
  const valid = () => structuredClone(readJson('lizard-growing.json')) as Record<string, unknown>[];
  const withLayer = (i: number, change: Record<string, unknown>) => {
    const layers = valid();
    layers[i] = { ...layers[i], ...change };
    return layers;
  };
  const bytes = (n: number) => Buffer.alloc(n, 128).toString('base64');

  // Every message starts with the file's name, then says what is wrong.
  const cases: [string, unknown, string][] = [
    ['not an array', { layers: [] }, 'expected a JSON array of 2 Growing-NCA layers, got object'],
    ['wrong layer count', valid().slice(0, 1), 'expected 2 layers (perception -> hidden, hidden -> update), got 1'],
    ['a layer that is not an object', [valid()[0], 3], 'field [1]: expected a layer object'],
    ['type other than uint8', withLayer(1, { type: 'float32' }), 'field [1].type: expected "uint8", got "float32"'],
    ['missing type', withLayer(0, { type: undefined }), 'field [0].type: expected "uint8", got undefined'],
    ['in_ch as a string', withLayer(0, { in_ch: '48' }), 'field [0].in_ch: expected a positive integer, got "48"'],
    [
      'missing out_ch',
      withLayer(1, { out_ch: undefined }),
      'field [1].out_ch: expected a positive integer, got undefined',
    ],
    [
      'non-finite weight scale',
      withLayer(0, { weight_scale: Infinity }),
      'field [0].weight_scale: expected a finite number, got Infinity',
    ],
    ['null bias scale', withLayer(1, { bias_scale: null }), 'field [1].bias_scale: expected a finite number, got null'],
    [
      'missing data',
      withLayer(0, { data_b64: undefined }),
      'field [0].data_b64: expected base64 of (48+1)*128 = 6272 bytes, got undefined',
    ],
    [
      'bad base64',
      withLayer(0, { data_b64: '@@@@' }),
      'field [0].data_b64: expected base64 of (48+1)*128 = 6272 bytes, got text that is not base64',
    ],
    [
      'wrong decoded length',
      withLayer(0, { data_b64: bytes(6270) }),
      'field [0].data_b64: expected base64 of (48+1)*128 = 6272 bytes, got 6270',
    ],
    [
      'perception not 3 x channels',
      withLayer(0, { in_ch: 47, data_b64: bytes(48 * 128) }),
      'field [0].in_ch: expected 3 x channels',
    ],
    [
      'hidden sizes that do not chain',
      withLayer(1, { in_ch: 64, data_b64: bytes(65 * 16) }),
      'field [1].in_ch: expected 128 (= [0].out_ch), got 64',
    ],
    [
      'output that is not the channel count',
      withLayer(1, { out_ch: 12, data_b64: bytes(129 * 12) }),
      'field [1].out_ch: expected 16',
    ],
  ];
  for (const [what, json, message] of cases) {
    it(`refuses ${what}`, () => {
      expect(() => importGrowingCa(json, 'lizard.json')).toThrow(`lizard.json: ${message}`);
    });
  }
});
