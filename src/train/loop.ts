/**
 * The training loop of Growing-NCA, on a genome with regulation: draw a batch from the sample pool (worst
 * reseeded, best damaged), roll it forward a random number of steps, take the loss and its gradients
 * (across worker threads), normalise each variable's gradient, Adam with a step schedule, put the grown
 * grids back. Every random choice comes from one seeded Rng whose state the checkpoint holds, so a run
 * resumed from a checkpoint draws what the uninterrupted run would have.
 */
import type { Architecture, Genome } from '../model/genome.ts';
import { SEED_MAX } from '../model/hash.ts';
import { resolveParams, type RegulationOverrides, type RegulationParams } from '../model/params.ts';
import { randomGenome } from '../model/random-genome.ts';
import { adamStep, createAdam, learningRate, normaliseGradients, type AdamState } from './adam.ts';
import { batchLosses, type BatchLosses } from './batch-losses.ts';
import { isTrainable, type TrainConfig } from './config.ts';
import type { ShardSetup } from './objective.ts';
import { drawableExperts, drawBatchPerturbations } from './perturb.ts';
import { createPool, drawBatch, lateWounds, type Pool } from './pool.ts';
import { Rng } from '../model/rng.ts';
import type { ShardRunner } from './shards.ts';
import { addToAverage, type WeightAverage } from './weight-average.ts';
import { weightsFromGenome } from './weights.ts';

/** What the images give the run: the padded target, tissue labels and morphogen fields on the grid. */
export interface TrainingData {
  /** W x H x 4, premultiplied, the target centred (the first body's, with several). */
  target: Float32Array;
  /** Every body: its padded target and the environment signal it grows in; one for most runs. */
  bodies: { target: Float32Array; environment: number }[];
  /** The morphogen channels that hold the environment signal. */
  environmentChannels: number[];
  targetWidth: number;
  targetHeight: number;
  /** W x H expert labels, -1 = none. */
  tissue: Int8Array | null;
  /** W x H x M. */
  morphogens: Float32Array | null;
}

export interface HistoryEntry extends Partial<BatchLosses> {
  iteration: number;
  loss: number;
  rgba: number;
  balance: number;
  entropy: number;
  tissue: number;
  /** Absent in logs written before the silence term. */
  silence?: number;
  /** Absent in logs written before the outside term. */
  outside?: number;
  lr: number;
  steps: number;
  /** This iteration's wall time. */
  seconds: number;
  /** Wall time of the run so far, resumed sessions included. */
  elapsed: number;
}

export interface TrainerState {
  /** Iterations done. */
  iteration: number;
  weights: Float32Array[];
  adam: AdamState;
  pool: Pool;
  rng: number;
  history: HistoryEntry[];
  /** With training.averageFrom: the mean of the weights after each iteration past it (the run's genome). */
  average?: WeightAverage;
}

export function architectureOf(config: TrainConfig): Architecture {
  const a = config.architecture;
  return {
    channels: a.channels,
    perception: [...a.perception],
    expertHidden: [...a.experts],
    gateHidden: a.gate,
    morphogens: a.morphogens.length,
  };
}

export function regulationOf(config: TrainConfig): RegulationOverrides {
  const r: RegulationOverrides = {};
  for (const [k, v] of Object.entries(config.regulation)) if (v !== undefined) (r as Record<string, number>)[k] = v;
  return r;
}

export function paramsOf(config: TrainConfig): RegulationParams {
  return resolveParams(regulationOf(config), config.architecture.experts.length, `config ${config.name}`);
}

/** The untrained genome a run starts from: seeded weights, the experts' output layers scaled by initScale. */
export function initialGenome(config: TrainConfig): Genome {
  return randomGenome(architectureOf(config), {
    seed: config.training.seed,
    outputScale: config.training.initScale,
    regulation: regulationOf(config),
    name: config.name,
  });
}

/**
 * A fresh run: seeded weights, or `from` (a genome's weights, to continue its training with a new optimiser and
 * pool).
 */
export function initialState(config: TrainConfig, from?: Float32Array[]): TrainerState {
  const weights = from ? from.map((w) => w.slice()) : weightsFromGenome(initialGenome(config)).values;
  const { width, height } = config.grid;
  return {
    iteration: 0,
    weights,
    adam: createAdam(weights.map((w) => w.length)),
    pool: createPool(
      config.training.pool,
      width,
      height,
      config.architecture.channels,
      config.architecture.experts.length,
      config.bodies?.length ?? 1,
    ),
    // A stream of its own, apart from the weight initialisation's.
    rng: (config.training.seed * 2654435761 + 0x9e3779b9) >>> 0,
    history: [],
  };
}

export function shardSetup(config: TrainConfig, data: TrainingData): ShardSetup {
  const genome = initialGenome(config);
  return {
    arch: genome.architecture,
    params: paramsOf(config),
    width: config.grid.width,
    height: config.grid.height,
    target: data.target,
    tissue: data.tissue,
    morphogens: data.morphogens,
    weights: config.loss,
    targets: data.bodies.map((b) => b.target),
    environmentChannels: data.environmentChannels,
    environments: data.bodies.map((b) => b.environment),
    silentExperts: config.bodies?.map((b) => b.silent),
    shapes: weightsFromGenome(genome).shapes,
    denseAbove: config.training.denseAbove,
    cellStepsPerPass: config.training.cellStepsPerPass,
  };
}

export interface TrainHooks {
  /** Checked after each iteration: true ends the loop (Ctrl-C). */
  shouldStop(): boolean;
  onIteration(entry: HistoryEntry, state: TrainerState): void;
  /** Called every checkpointEvery iterations and when the loop ends. */
  onCheckpoint(state: TrainerState): void;
}

/** Runs iterations until config.training.iterations are done or hooks.shouldStop(); mutates `state`. */
export async function trainLoop(
  config: TrainConfig,
  data: TrainingData,
  state: TrainerState,
  runner: ShardRunner,
  hooks: TrainHooks,
): Promise<void> {
  const t = config.training;
  const { pool } = state;
  const cells = pool.width * pool.height;
  const C = pool.channels,
    K = pool.experts;
  const rng = new Rng(state.rng);
  // Frozen weights get no update at all (not even a zero-gradient Adam step): they stay bit for bit.
  const trainable = weightsFromGenome(initialGenome(config)).names.map((name) => isTrainable(name, t.train));
  const drawable = drawableExperts(K, config.bodies?.map((b) => b.silent) ?? []);
  // An average that this config would not have made (averaging off, or begun before averageFrom) is dropped.
  const averageStart = state.average ? state.iteration - state.average.count : 0;
  if (t.averageFrom == null || averageStart < t.averageFrom) state.average = undefined;
  while (state.iteration < t.iterations && !hooks.shouldStop()) {
    const start = performance.now();
    const lr = learningRate(state.iteration, t.lr, t.lrDecayAt, t.lrDecayFactor);
    const plan = drawBatch(
      pool,
      rng,
      t.batch,
      data.bodies.map((b) => b.target),
      {
        grids: t.damage,
        radius: t.damageRadius,
        cut: t.damageCut,
        cutShare: t.damageCutShare,
        at: t.damageAt,
        pick: t.damagePick,
        late: t.damageLate ?? undefined,
      },
      data.targetWidth,
      data.targetHeight,
      t.remodel,
    );
    const steps = rng.int(t.stepsMin, t.stepsMax);
    const seeds = plan.slots.map(() => rng.int(0, SEED_MAX));
    const perturbations =
      config.perturb.grids > 0
        ? drawBatchPerturbations(
            config.perturb,
            rng,
            t.batch,
            plan.damaged.map((slot) => plan.slots.indexOf(slot)),
            {
              experts: K,
              steps,
              width: pool.width,
              height: pool.height,
              targetWidth: data.targetWidth,
              targetHeight: data.targetHeight,
            },
            (b) => drawable[pool.bodies[plan.slots[b]]],
          )
        : undefined;
    const wounds = plan.late.length > 0 ? lateWounds(plan, steps) : undefined;
    state.rng = rng.state;
    const stateIn = new Float32Array(t.batch * cells * C);
    const marksIn = new Float32Array(t.batch * cells * K);
    plan.slots.forEach((slot, b) => {
      stateIn.set(pool.state.subarray(slot * cells * C, (slot + 1) * cells * C), b * cells * C);
      marksIn.set(pool.marks.subarray(slot * cells * K, (slot + 1) * cells * K), b * cells * K);
    });
    const bodies = data.bodies.length > 1 ? plan.slots.map((slot) => pool.bodies[slot]) : undefined;
    const result = await runner.run(state.weights, {
      batch: t.batch,
      state: stateIn,
      marks: marksIn,
      seeds,
      steps,
      perturbations,
      bodies,
      wounds,
    });
    const finite = Number.isFinite(result.loss) && result.grads.every((g) => g.every(Number.isFinite));
    if (finite) {
      normaliseGradients(result.grads);
      adamStep(state.adam, state.weights, result.grads, lr, trainable);
      plan.slots.forEach((slot, b) => {
        pool.state.set(result.state.subarray(b * cells * C, (b + 1) * cells * C), slot * cells * C);
        pool.marks.set(result.marks.subarray(b * cells * K, (b + 1) * cells * K), slot * cells * K);
      });
    }
    // A non-finite loss skips the update and leaves the pool as it was (the drawn grids are reseeded next time
    // they come up worst).
    state.iteration++;
    if (t.averageFrom != null && state.iteration > t.averageFrom)
      state.average = addToAverage(state.average, state.weights);
    const seconds = (performance.now() - start) / 1000;
    const previous = state.history[state.history.length - 1];
    const entry: HistoryEntry = {
      iteration: state.iteration,
      loss: result.loss,
      ...result.terms,
      ...batchLosses(plan, result.sampleLoss, perturbations, bodies, data.bodies.length),
      lr,
      steps,
      seconds,
      elapsed: (previous?.elapsed ?? state.history.reduce((sum, h) => sum + h.seconds, 0)) + seconds,
    };
    state.history.push(entry);
    hooks.onIteration(entry, state);
    // Yield to the event loop: Ctrl-C and the progress bar's timer run between iterations.
    await new Promise((resolve) => setImmediate(resolve));
    if (state.iteration % t.checkpointEvery === 0 && state.iteration < t.iterations) hooks.onCheckpoint(state);
  }
  hooks.onCheckpoint(state);
}
