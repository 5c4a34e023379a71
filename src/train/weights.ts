/**
 * A genome's weights as a flat, ordered list of named arrays: what the optimiser updates, what workers
 * receive, what checkpoints store. Order: expert k's hidden w, b, out w, b for every k, then the gate layers.
 */
import { gateInputSize, type Architecture, type Dense, type Genome } from '../model/genome.ts';

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
 * `genome`'s weights as the starting point of a run whose architecture is `want` (`npm run train --
 * --from`). The architectures must match, except that `want` may read more morphogen fields: the gate's
 * first layer then gets zero weights from the new inputs (appended last), so the genome starts out
 * behaving exactly as it did, whatever the new fields say, and learns to read them. Throws naming the
 * architecture field that differs; `extended` says how many inputs were added.
 */
export function weightsForArchitecture(
  genome: Genome,
  want: Architecture,
): { values: Float32Array[]; extended: number } {
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
