/**
 * A genome's weights as a flat, ordered list of named arrays: what the optimiser updates, what workers
 * receive, what checkpoints store. Order: expert k's hidden w, b, out w, b for every k, then the gate layers.
 */
import type { Dense, Genome } from '../model/genome.ts';

export interface WeightList {
  names: string[];
  shapes: number[][];
  values: Float32Array[];
}

function denses(genome: Genome): [string, Dense][] {
  const list: [string, Dense][] = [];
  genome.experts.forEach((e, k) => list.push([`experts[${k}].hidden`, e.hidden], [`experts[${k}].out`, e.out]));
  genome.gate?.layers.forEach((layer, i) => list.push([`gate[${i}]`, layer]));
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
