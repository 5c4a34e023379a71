/**
 * Two genomes as one that grows either body, chosen by the environment signal (issue 10's polyphenism, made
 * the way a hybrid is rather than by training two bodies into four shared experts): the experts of `a`
 * followed by those of `b`, and a linear gate that is a's gate in environment 0 and b's in environment 1.
 *
 * Each genome's gate sees only its own experts' marks. The environment shifts every logit of the other
 * genome's experts down by `margin` (the environment enters the gate times the morphogen gain, so its weight
 * is margin / gain), so in environment 0 b's experts get a softmax share of about e^-margin: their marks decay
 * to nothing and a's two strongest are the top 2, as in `a` alone. What is not exact: a cell's marks start
 * uniform over all the experts (1 / (Ka + Kb) each rather than 1 / Ka), which changes the weights of its two
 * expressed experts for its first few fired steps (its gate input is made up for, below); fine-tuning on both
 * bodies absorbs that.
 *
 * The hybrid's every expert is dormant in one body: forcing it there shows what the other genome's circuit
 * does in this body's context.
 */
import type { Dense, Genome } from '../model/genome.ts';
import { defaultParams } from '../model/params.ts';

export interface HybridOptions {
  /** How far the environment lowers the other genome's logits (softmax units). */
  margin: number;
  /** The hybrid's morphogen gain default (the environment's say in the gate is divided by it). */
  gain: number;
  /** Names of a and b for errors and the provenance. */
  names: [string, string];
}

// What both parents must grow with: a hybrid runs each body with one set of regulation defaults.
const SHARED_REGULATION = ['topK', 'temperature', 'threshold', 'plasticity', 'noise', 'fireRate'] as const;

function checkParents(a: Genome, b: Genome, [nameA, nameB]: [string, string]): void {
  const regulationA = { ...defaultParams(), ...a.regulation },
    regulationB = { ...defaultParams(), ...b.regulation };
  const pairs: [string, unknown, unknown][] = [
    ['architecture.channels', b.architecture.channels, a.architecture.channels],
    ['architecture.perception', b.architecture.perception, a.architecture.perception],
    ...SHARED_REGULATION.map((key): [string, unknown, unknown] => [
      `regulation.${key}`,
      regulationB[key],
      regulationA[key],
    ]),
  ];
  for (const [field, got, expected] of pairs) {
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      throw new Error(
        `${nameB}: field ${field}: expected ${JSON.stringify(expected)} as in ${nameA}, got ${JSON.stringify(got)}`,
      );
    }
  }
  for (const [genome, name] of [
    [a, nameA],
    [b, nameB],
  ] as const) {
    if (genome.gate?.layers.length !== 1) {
      throw new Error(
        `${name}: field architecture.gate: expected a linear gate ({ "hidden": 0 }), got ${
          genome.gate ? `{ "hidden": ${genome.architecture.gateHidden} }` : 'none'
        }`,
      );
    }
    // Positional fields would need one unit of length for both parents; the presets have none.
    if (genome.architecture.morphogens > 0) {
      throw new Error(
        `${name}: field architecture.morphogens: expected 0 (a hybrid reads only the environment signal), `
          + `got ${genome.architecture.morphogens}`,
      );
    }
  }
}

/** The hybrid of `a` (environment 0) and `b` (environment 1); throws naming the file and field that do not fit. */
export function hybridGenome(a: Genome, b: Genome, options: HybridOptions): Genome {
  checkParents(a, b, options.names);
  const P = a.architecture.channels * a.architecture.perception.length;
  const Ka = a.experts.length,
    Kb = b.experts.length,
    K = Ka + Kb;
  // Gate input: perception (P), the K marks, the environment signal.
  const inputs = P + K + 1;
  const gate: Dense = { inputs, outputs: K, w: new Float32Array(inputs * K), b: new Float32Array(K) };
  const environmentRow = P + K;
  const say = options.margin / options.gain;
  // A parent's gate (perception, its own marks) into the hybrid's columns first .. first + own - 1. The other
  // parent's marks read as the mean of the parent's own mark weights: a cell's marks start uniform over all K
  // experts, so its own ones hold only own / K of the mass the parent's gate expects; the mean weight returns
  // the rest as the uniform part it was, and fades as the other parent's marks decay.
  const place = (parent: Dense, first: number, own: number, shift: number, environmentWeight: number) => {
    for (let k = 0; k < own; k++) {
      const column = first + k;
      const weight = (i: number) => parent.w[i * own + k];
      for (let i = 0; i < P; i++) gate.w[i * K + column] = weight(i);
      let markMean = 0;
      for (let j = 0; j < own; j++) {
        gate.w[(P + first + j) * K + column] = weight(P + j);
        markMean += weight(P + j) / own;
      }
      for (let j = 0; j < K; j++) {
        if (j < first || j >= first + own) gate.w[(P + j) * K + column] = markMean;
      }
      gate.b[column] = parent.b[k] + shift;
      gate.w[environmentRow * K + column] = environmentWeight;
    }
  };
  place(a.gate!.layers[0], 0, Ka, 0, -say);
  place(b.gate!.layers[0], Ka, Kb, -options.margin, say);
  const [nameA, nameB] = options.names;
  return {
    architecture: {
      ...a.architecture,
      expertHidden: [...a.architecture.expertHidden, ...b.architecture.expertHidden],
      gateHidden: 0,
      morphogens: 1,
    },
    experts: [...a.experts, ...b.experts],
    gate: { layers: [gate] },
    regulation: { ...a.regulation, morphogenGain: options.gain },
    metadata: {
      name: `${a.metadata.name} x ${b.metadata.name}`,
      description:
        `A hybrid: ${a.metadata.name}'s experts (0 to ${Ka - 1}) grow it in environment 0, ${b.metadata.name}'s `
        + `(${Ka} to ${K - 1}) in environment 1.`,
      // Parents from one source carry one attribution: say it once.
      attribution:
        [...new Set([a.metadata.attribution, b.metadata.attribution].filter(Boolean))].join(' ') || undefined,
      provenance: {
        hybrid: { environment0: nameA, environment1: nameB, margin: options.margin, gain: options.gain },
        morphogens: ['environment'],
      },
    },
  };
}
