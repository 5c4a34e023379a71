/**
 * What the tfjs step (step.ts) takes: the weights as tensors, what stays constant over a batch's rollout
 * (its size and regulation, the fire masks, painted fields and perturbations), and the grids.
 */
import type { Architecture } from '../model/genome.ts';
import type { RegulationParams } from '../model/params.ts';
import { forcedCells, type Perturbation } from '../model/perturbation.ts';
import type { tf } from './backend.ts';
import { FireMask } from './masks.ts';

type T = tf.Tensor;

/** The weights as tensors (variables while training), in the genome's layout. */
export interface TfWeights {
  experts: { w1: T; b1: T; w2: T; b2: T }[];
  gate: { w: T; b: T }[] | null;
}

/** From a flat list in weightsFromGenome order. */
export function tfWeights(arch: Architecture, list: T[]): TfWeights {
  const K = arch.expertHidden.length;
  const experts = Array.from({ length: K }, (_, k) => ({
    w1: list[4 * k],
    b1: list[4 * k + 1],
    w2: list[4 * k + 2],
    b2: list[4 * k + 3],
  }));
  const gate: { w: T; b: T }[] | null = arch.gateHidden === null ? null : [];
  if (gate) for (let i = 4 * K; i < list.length; i += 2) gate.push({ w: list[i], b: list[i + 1] });
  return { experts, gate };
}

export interface StepContext {
  arch: Architecture;
  params: RegulationParams;
  batch: number;
  width: number;
  height: number;
  /** Per grid: seed of its hash streams, and its fire mask (built from that seed). */
  seeds: number[];
  fire: FireMask[];
  /** N x M morphogen fields (not yet multiplied by the gain), or null when M = 0. */
  morphogens: T | null;
  /** Per cell (N): painted knockouts and forced expert; null = none. */
  knockoutMask: Uint16Array | null;
  forced: Int8Array | null;
  /** Per grid: a perturbation held for the first steps of the rollout (see gridPerturbations), or null for none. */
  perturbations: (GridPerturbation | null)[] | null;
  /**
   * Dense evaluation (every expert on every active row, weighted by its expression, zero for dropped ones)
   * instead of per-expert gathers when at least this share of (cell, expert) pairs is kept.
   */
  denseAbove: number;
}

export interface GridTensors {
  /** N x C. */
  state: T;
  /** N x K. */
  marks: T;
  /** The alpha column as read back (N): the next step's alive mask needs it. */
  alpha: Float32Array;
}

/** A perturbation of one grid, with what the step reads of it precomputed. */
export interface GridPerturbation {
  perturbation: Perturbation;
  /** Per cell of the grid: the forced expert, or -1. */
  forced: Int8Array;
  knockoutBits: number;
}

export function gridPerturbations(
  list: readonly (Perturbation | null)[],
  width: number,
  height: number,
): (GridPerturbation | null)[] {
  return list.map(
    (p) =>
      p && {
        perturbation: p,
        forced: forcedCells(p, width, height),
        knockoutBits: p.kind === 'knockout' ? 1 << p.expert : 0,
      },
  );
}

/** Constant context of a batch: fire masks per grid from their seeds. */
export function makeFireMasks(seeds: number[], width: number, height: number, fireRate: number): FireMask[] {
  return seeds.map((seed) => new FireMask(width, height, seed, fireRate));
}
