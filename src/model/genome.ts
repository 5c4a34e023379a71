/**
 * The genome: every trained weight of a model, frozen after training, plus the architecture that gives
 * the weights their meaning. One genome runs in every cell of the grid.
 *
 * Dense layers store their kernel input-major, `w[in][out]` flattened row-major, so `y = x W + b` is a
 * plain matMul in tfjs and a contiguous inner loop in the reference step.
 */
import type { PerceptionFilter } from './perception.ts';
import type { RegulationOverrides } from './params.ts';

export interface Dense {
  inputs: number;
  outputs: number;
  /** inputs x outputs, row-major (one row per input). */
  w: Float32Array;
  /** outputs. */
  b: Float32Array;
}

/** One gene: `ds = W2 relu(W1 p + b1) + b2`. */
export interface Expert {
  hidden: Dense;
  out: Dense;
}

/** The regulatory network: [p, q, gain * m] -> K logits; one layer (linear) or two (ReLU between). */
export interface Gate {
  layers: Dense[];
}

export interface Architecture {
  /** C: state channels per cell; 0-2 premultiplied RGB, 3 alpha, the rest hidden. */
  channels: number;
  /** Filters applied to every channel, filter-major: P = channels * perception.length. */
  perception: PerceptionFilter[];
  /** Hidden size of each expert; K = expertHidden.length. */
  expertHidden: number[];
  /** Gate hidden size: null = no gate (K must be 1), 0 = linear gate, n = one hidden ReLU layer of n. */
  gateHidden: number | null;
  /** M: painted morphogen fields the gate reads. */
  morphogens: number;
}

export interface GenomeMetadata {
  name: string;
  description: string;
  /** Where the weights came from: training config, iterations, loss, date, backend, or an import. */
  provenance: Record<string, unknown>;
  /** Licence and credit that must travel with the weights. */
  attribution?: string;
}

export interface Genome {
  architecture: Architecture;
  experts: Expert[];
  gate: Gate | null;
  regulation: RegulationOverrides;
  metadata: GenomeMetadata;
}

export const LIMITS = {
  maxChannels: 64,
  maxExperts: 16,
  maxHidden: 512,
  maxMorphogens: 8,
  maxGridSide: 4096,
} as const;

export function expertCount(genome: Genome): number {
  return genome.architecture.expertHidden.length;
}

export function perceptionSize(arch: Architecture): number {
  return arch.channels * arch.perception.length;
}

/** Inputs of the gate: perception, the previous marks, the morphogens. */
export function gateInputSize(arch: Architecture): number {
  return perceptionSize(arch) + arch.expertHidden.length + arch.morphogens;
}

export function denseParameterCount(layer: Dense): number {
  return layer.w.length + layer.b.length;
}

export function expertParameterCount(expert: Expert): number {
  return denseParameterCount(expert.hidden) + denseParameterCount(expert.out);
}

export function gateParameterCount(gate: Gate | null): number {
  return gate ? gate.layers.reduce((sum, layer) => sum + denseParameterCount(layer), 0) : 0;
}

export function genomeParameterCount(genome: Genome): number {
  return gateParameterCount(genome.gate) + genome.experts.reduce((sum, e) => sum + expertParameterCount(e), 0);
}
