/**
 * A hybrid of two genomes (src/train/hybrid.ts): it grows parent a in environment 0 and parent b in 1, and
 * refuses parents it cannot join, naming the file and field.
 */
import { describe, expect, it } from 'vitest';
import { denseForward } from '../../src/model/dense.ts';
import type { Genome } from '../../src/model/genome.ts';
import { resolveParams } from '../../src/model/params.ts';
import { runReference } from '../../src/model/reference.ts';
import { createSeededState } from '../../src/model/state.ts';
import { hybridGenome } from '../../src/train/hybrid.ts';
import { testGenome } from '../support/genomes.ts';

const C = 8,
  P = C * 3;
const a = testGenome({ channels: C, expertHidden: [8, 8, 8] }, { seed: 1, outputScale: 0.3 });
const b = testGenome({ channels: C, expertHidden: [6, 6] }, { seed: 2, outputScale: 0.3 });
const options = { margin: 30, gain: 4, names: ['a.genome.json', 'b.genome.json'] as [string, string] };
const hybrid = hybridGenome(a, b, options);

/** The logits of `genome`'s linear gate for perception `p`, marks `q` and morphogens `m` (times the gain). */
function logits(genome: Genome, p: number[], q: number[], m: number[] = []): number[] {
  const layer = genome.gate!.layers[0];
  const out = new Float32Array(layer.outputs);
  denseForward(layer, Float32Array.from([...p, ...q, ...m]), out, false);
  return [...out];
}

function expectClose(actual: number[], expected: number[]): void {
  expect(actual).toHaveLength(expected.length);
  for (const [k, z] of expected.entries()) expect(actual[k]).toBeCloseTo(z, 4);
}

describe('hybrid genome', () => {
  it("keeps every parent expert to the bit, a's first", () => {
    expect(hybrid.architecture.expertHidden).toEqual([8, 8, 8, 6, 6]);
    expect(hybrid.architecture.morphogens).toBe(1);
    expect(hybrid.metadata.provenance.morphogens).toEqual(['environment']);
    expect(hybrid.experts).toEqual([...a.experts, ...b.experts]);
  });

  it("gives each parent's experts its own logits in its environment and the other's less the margin", () => {
    const p = Array.from({ length: P }, (_, i) => Math.sin(i * 1.7));
    const qa = [0.5, 0.3, 0.2],
      qb = [0.9, 0.1];
    const gain = options.gain;
    const inA = logits(hybrid, p, [...qa, 0, 0], [0 * gain]);
    const inB = logits(hybrid, p, [0, 0, 0, ...qb], [1 * gain]);
    const ownA = logits(a, p, qa);
    const ownB = logits(b, p, qb);
    expectClose(inA.slice(0, 3), ownA);
    expectClose(inB.slice(3), ownB);
    // The other parent's logits are lowered by the margin; it reads the cell's marks as uniform over its own.
    const lowered = (z: number[]) => z.map((v) => v - options.margin);
    expectClose(inA.slice(3), lowered(logits(b, p, [0.5, 0.5])));
    expectClose(inB.slice(0, 3), lowered(logits(a, p, [1 / 3, 1 / 3, 1 / 3])));
  });

  it("reads a newborn cell's uniform marks over five experts as its parent reads them over its own", () => {
    const p = Array.from({ length: P }, (_, i) => Math.cos(i));
    const hybridA = logits(hybrid, p, [0.2, 0.2, 0.2, 0.2, 0.2], [0]);
    expectClose(hybridA.slice(0, 3), logits(a, p, [1 / 3, 1 / 3, 1 / 3]));
    const hybridB = logits(hybrid, p, [0.2, 0.2, 0.2, 0.2, 0.2], [options.gain]);
    expectClose(hybridB.slice(3), logits(b, p, [0.5, 0.5]));
  });

  it('grows each parent in its environment when marks carry no memory (plasticity 1)', () => {
    // With memory, a newborn cell's first expression weights differ (its marks start at 1/5, not 1/3).
    const overrides = { topK: 2, plasticity: 1, fireRate: 0.7 };
    for (const [parent, environment] of [
      [a, 0],
      [b, 1],
    ] as const) {
      const alone = runReference(
        parent,
        resolveParams(overrides, parent.experts.length, 'test'),
        createSeededState(parent, 12, 12),
        4,
        12,
      );
      const grown = runReference(
        hybrid,
        resolveParams({ ...overrides, morphogenGain: options.gain }, 5, 'test'),
        createSeededState(hybrid, 12, 12, environment),
        4,
        12,
      );
      expect(grown.channels).toBe(alone.channels);
      const largest = Math.max(...alone.state.map((v, i) => Math.abs(v - grown.state[i])));
      expect(largest).toBeLessThan(1e-4);
      expect(alone.state.some((v) => v !== 0)).toBe(true);
    }
  });

  it('refuses parents it cannot join, naming the file and field', () => {
    const wide = testGenome({ channels: 10, expertHidden: [4, 4] }, { seed: 3 });
    expect(() => hybridGenome(a, wide, options)).toThrow(
      'b.genome.json: field architecture.channels: expected 8 as in a.genome.json, got 10',
    );
    const slow = { ...b, regulation: { fireRate: 0.25 } };
    expect(() => hybridGenome(a, slow, options)).toThrow(
      'b.genome.json: field regulation.fireRate: expected 0.5 as in a.genome.json, got 0.25',
    );
    const deep = testGenome({ channels: C, expertHidden: [4, 4], gateHidden: 8 }, { seed: 4 });
    expect(() => hybridGenome(deep, b, options)).toThrow(
      'a.genome.json: field architecture.gate: expected a linear gate ({ "hidden": 0 }), got { "hidden": 8 }',
    );
    const placed = testGenome({ channels: C, expertHidden: [4, 4], morphogens: 1 }, { seed: 5 });
    expect(() => hybridGenome(a, placed, options)).toThrow(
      'b.genome.json: field architecture.morphogens: expected 0 (a hybrid reads only the environment signal), got 1',
    );
  });
});
