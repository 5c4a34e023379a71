/**
 * A genome's weights as a flat, ordered list of named arrays: what the optimiser updates, what workers
 * receive, what checkpoints store. Order: expert k's hidden w, b, out w, b for every k, then the gate layers.
 */
import { gateInputSize, type Architecture, type Dense, type Gate, type Genome } from '../model/genome.ts';
import { randomDense, seededRandom } from '../model/random-genome.ts';

export interface WeightList {
  names: string[];
  shapes: number[][];
  values: Float32Array[];
}

function denses(genome: Genome): [string, Dense][] {
  const list: [string, Dense][] = [];
  genome.experts.forEach((e, k) => {
    list.push([`experts[${k}].hidden`, e.hidden], [`experts[${k}].out`, e.out]);
  });
  genome.gate?.layers.forEach((layer, i) => {
    list.push([`gate[${i}]`, layer]);
  });
  return list;
}

export function weightsFromGenome(genome: Genome): WeightList {
  const list: WeightList = { names: [], shapes: [], values: [] };
  for (const [name, layer] of denses(genome)) {
    list.names.push(`${name}.w`, `${name}.b`);
    list.shapes.push([layer.inputs, layer.outputs], [layer.outputs]);
    list.values.push(layer.w.slice(), layer.b.slice());
  }
  return list;
}

/** A copy of `genome` holding `values` (in weightsFromGenome's order). */
export function genomeWithWeights(genome: Genome, values: Float32Array[]): Genome {
  const copy: Genome = {
    ...genome,
    experts: genome.experts.map((e) => ({ hidden: { ...e.hidden }, out: { ...e.out } })),
    gate: genome.gate ? { layers: genome.gate.layers.map((l) => ({ ...l })) } : null,
  };
  denses(copy).forEach(([, layer], i) => {
    layer.w = values[2 * i].slice();
    layer.b = values[2 * i + 1].slice();
  });
  return copy;
}

/**
 * A linear gate (logits z = W x + b) as a gate with a hidden layer of `hidden` >= 2K ReLU units that computes
 * the same logits: units k and K + k carry relu(z_k) and relu(-z_k), and the output layer takes their
 * difference, which is z_k to the bit. The other units start with seeded random input weights and zero output
 * weights: they change nothing until training gives them a say. So a genome keeps growing exactly as it did
 * while its regulation gains room to learn (docs/experiments/regulation-only: the ladybeetle's experts, a deeper
 * gate).
 */
export function embedLinearGate(gate: Gate, hidden: number, seed: number): Gate {
  const [linear] = gate.layers;
  const { inputs, outputs: K } = linear;
  if (gate.layers.length !== 1 || hidden < 2 * K) {
    throw new Error(`architecture.gate: expected at least ${2 * K} hidden units to hold a linear gate, got ${hidden}`);
  }
  const first = randomDense(inputs, hidden, seededRandom(seed));
  for (let i = 0; i < inputs; i++) {
    for (let k = 0; k < K; k++) {
      first.w[i * hidden + k] = linear.w[i * K + k];
      first.w[i * hidden + K + k] = -linear.w[i * K + k];
    }
  }
  for (let k = 0; k < K; k++) {
    first.b[k] = linear.b[k];
    first.b[K + k] = -linear.b[k];
  }
  const second: Dense = { inputs: hidden, outputs: K, w: new Float32Array(hidden * K), b: new Float32Array(K) };
  for (let k = 0; k < K; k++) {
    second.w[k * K + k] = 1;
    second.w[(K + k) * K + k] = -1;
  }
  return { layers: [first, second] };
}

/**
 * `genome` with its experts widened to `hidden` units each (at least as many as each has): the new units get
 * seeded random input weights and zero output weights, so every expert computes what it did, to the bit, and
 * training gives the new units their say. This is how a shipped preset gains capacity without starting over
 * (issue 9: top-2 of four 32-unit experts is 64 active units a cell where Growing-NCA's models have 128).
 */
export function widenExperts(genome: Genome, hidden: number[], seed: number): Genome {
  const random = seededRandom(seed);
  const experts = genome.experts.map((expert, k) => {
    const { inputs, outputs: had } = expert.hidden;
    const want = hidden[k];
    if (want < had) {
      throw new Error(
        `architecture.experts: expected the config's ${JSON.stringify(hidden)}, got ${JSON.stringify(
          genome.architecture.expertHidden,
        )} (an expert can be widened, not narrowed)`,
      );
    }
    const first = randomDense(inputs, want, random);
    for (let i = 0; i < inputs; i++) first.w.set(expert.hidden.w.subarray(i * had, (i + 1) * had), i * want);
    first.b.set(expert.hidden.b);
    const channels = expert.out.outputs;
    const second: Dense = { inputs: want, outputs: channels, w: new Float32Array(want * channels), b: expert.out.b };
    second.w.set(expert.out.w); // hidden-major: the old units' rows, then zero rows for the new ones
    return { hidden: first, out: second };
  });
  return { ...genome, architecture: { ...genome.architecture, expertHidden: [...hidden] }, experts };
}

/**
 * A one-expert genome (a Growing-NCA network, as ladybeetle-dense trains) as the start of a run with `want`'s
 * K > 1 experts: each expert a copy of the one (sparse upcycling, as mixture-of-experts language models are
 * made from dense ones), under a fresh seeded gate of `want`'s shape. Whatever the gate says, a cell's
 * expression sums to 1 over identical experts, so the genome grows as the dense one did (up to float
 * rounding of that sum); the experts part as training sends each the gradient of the cells that express it.
 */
export function upcycleExperts(genome: Genome, want: Architecture, seed: number): Genome {
  const K = want.expertHidden.length;
  const [expert] = genome.experts;
  const random = seededRandom(seed);
  // The genome's morphogens: a config reading more of them extends the gate below, as for any genome.
  const inputs = gateInputSize({ ...genome.architecture, expertHidden: want.expertHidden });
  let gate: Gate | null = null;
  if (want.gateHidden === 0) gate = { layers: [randomDense(inputs, K, random)] };
  else if (want.gateHidden !== null) {
    gate = { layers: [randomDense(inputs, want.gateHidden, random), randomDense(want.gateHidden, K, random)] };
  }
  const experts = Array.from({ length: K }, () => ({
    hidden: { ...expert.hidden, w: expert.hidden.w.slice(), b: expert.hidden.b.slice() },
    out: { ...expert.out, w: expert.out.w.slice(), b: expert.out.b.slice() },
  }));
  const expertHidden = Array.from({ length: K }, () => expert.hidden.outputs);
  return {
    ...genome,
    architecture: { ...genome.architecture, expertHidden, gateHidden: want.gateHidden },
    experts,
    gate,
  };
}

/**
 * `genome`'s weights as the starting point of a run whose architecture is `want` (`npm run train --
 * --from`). The architectures must match, except that `want` may
 * - read more morphogen fields: the gate's first layer then gets zero weights from the new inputs (appended
 *   last), so the genome starts out behaving exactly as it did, whatever the new fields say, and learns to
 *   read them (`extended` says how many inputs were added);
 * - have a gate with a hidden layer where the genome's is linear: embedLinearGate, seeded by `seed`;
 * - have wider experts (as many, each at least as wide): widenExperts, seeded by `seed`;
 * - have K > 1 experts where the genome has one: upcycleExperts, seeded by `seed` (then widened if wider).
 * Throws naming the architecture field that differs.
 */
export function weightsForArchitecture(
  genome: Genome,
  want: Architecture,
  seed = 0,
): { values: Float32Array[]; extended: number } {
  if (genome.experts.length === 1 && want.expertHidden.length > 1) genome = upcycleExperts(genome, want, seed + 2);
  const deepened =
    genome.architecture.gateHidden === 0 && genome.gate && want.gateHidden !== null && want.gateHidden > 0;
  if (deepened) {
    genome = {
      ...genome,
      architecture: { ...genome.architecture, gateHidden: want.gateHidden },
      gate: embedLinearGate(genome.gate!, want.gateHidden!, seed),
    };
  }
  const widened =
    genome.architecture.expertHidden.length === want.expertHidden.length
    && genome.architecture.expertHidden.some((h, k) => h !== want.expertHidden[k]);
  if (widened) genome = widenExperts(genome, want.expertHidden, seed + 1);
  const have = genome.architecture;
  const fields: [string, unknown, unknown][] = [
    ['channels', have.channels, want.channels],
    ['perception', have.perception, want.perception],
    ['experts', have.expertHidden, want.expertHidden],
    ['gate', have.gateHidden, want.gateHidden],
  ];
  for (const [field, got, expected] of fields) {
    if (JSON.stringify(got) !== JSON.stringify(expected)) {
      throw new Error(
        `architecture.${field}: expected the config's ${JSON.stringify(expected)}, got ${JSON.stringify(got)}`,
      );
    }
  }
  const added = want.morphogens - have.morphogens;
  if (added < 0 || (added > 0 && !genome.gate)) {
    throw new Error(
      `architecture.morphogens: expected the config's ${want.morphogens} (or fewer, with a gate to read the new ones),`
        + ` got ${have.morphogens}`,
    );
  }
  if (added === 0) return { values: weightsFromGenome(genome).values, extended: 0 };
  const first = genome.gate!.layers[0];
  const inputs = gateInputSize(want);
  const w = new Float32Array(inputs * first.outputs);
  w.set(first.w); // input-major: the old inputs' rows, then zero rows for the new fields
  const layers = genome.gate!.layers.map((layer, i) => (i === 0 ? { ...layer, inputs, w } : layer));
  const extended: Genome = { ...genome, architecture: { ...have, morphogens: want.morphogens }, gate: { layers } };
  return { values: weightsFromGenome(extended).values, extended: added };
}
