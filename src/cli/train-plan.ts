/**
 * What `npm run train` reads and checks before it writes anything: the config (or a checkpoint's), flag
 * overrides, target and tissue images, the weights of --from. Whatever it throws is bad input (exit 2).
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import type { Genome } from '../model/genome.ts';
import type { BackendChoice } from '../train/backend.ts';
import { decodeCheckpoint } from '../train/checkpoint.ts';
import { applyOverrides, parseTrainConfig, type TrainConfig } from '../train/config.ts';
import { cropImage, trainingData, type BodySource, type TissueSource } from '../train/data.ts';
import { architectureOf, type TrainerState, type TrainingData } from '../train/loop.ts';
import { weightsForArchitecture } from '../train/weights.ts';
import { readGenomeFile } from './genome-input.ts';
import { readPng } from './png.ts';

export interface TrainOptions {
  config?: string;
  resume?: string;
  from?: string;
  out?: string;
  iterations?: number;
  batch?: number;
  pool?: number;
  lr?: number;
  damage?: number;
  /** --set: dotted config fields and their values. */
  set?: Record<string, unknown>;
  reportSteps?: number;
  seed?: number;
  workers?: number;
  train?: string;
  checkpointEvery?: number;
  checkpoint?: string;
  log?: string;
  backend: BackendChoice;
  quiet?: boolean;
  report: boolean;
}

function readJson(file: string, what: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(`${file}: cannot read the ${what}: ${(error as Error).message}`);
  }
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new Error(`${file}: expected a JSON ${what}, but it does not parse: ${(error as Error).message}`);
  }
}

export interface Plan {
  config: TrainConfig;
  /** The config as JSON, paths relative to configDir: what the checkpoint and provenance keep. */
  configJson: Record<string, unknown>;
  configDir: string;
  out: string;
  checkpoint: string;
  log: string;
  reportDir: string;
  data: TrainingData;
  resumed: TrainerState | null;
  /** Weights of --from, checked against the config's architecture. */
  from: Float32Array[] | null;
}

/** Config fields a resumed run keeps: its weights, its pool of grids and its random streams are made of them. */
const FIXED_ON_RESUME = ['architecture', 'grid', 'bodies', 'training.seed', 'training.batch', 'training.pool'];

function flagOverrides(o: TrainOptions): Record<string, unknown> {
  return {
    'training.iterations': o.iterations,
    'training.batch': o.batch,
    'training.pool': o.pool,
    'training.lr': o.lr,
    'training.damage': o.damage,
    'report.steps': o.reportSteps,
    'training.seed': o.seed,
    'training.workers': o.workers,
    'training.train': o.train,
    'training.checkpointEvery': o.checkpointEvery,
  };
}

function loadImage(path: string, field: string, configFile: string) {
  try {
    return readPng(path);
  } catch (error) {
    throw new Error(`${configFile}: field ${field}: ${(error as Error).message}`);
  }
}

/** Everything read and checked before anything is written: whatever it throws is bad input (exit 2). */
export function plan(o: TrainOptions): Plan {
  let configJson: Record<string, unknown>;
  let configDir: string;
  let configFile: string;
  let resumed: TrainerState | null = null;
  if (o.resume) {
    let bytes: Uint8Array;
    try {
      bytes = readFileSync(o.resume);
    } catch (error) {
      throw new Error(`${o.resume}: cannot read the checkpoint: ${(error as Error).message}`);
    }
    const checkpoint = decodeCheckpoint(bytes, o.resume);
    const saved = checkpoint.config as { json: Record<string, unknown>; dir: string };
    if (o.seed !== undefined || o.batch !== undefined || o.pool !== undefined) {
      throw new Error(
        '--resume: --seed, --batch and --pool cannot change in a resumed run'
          + ' (the pool and random streams depend on them)',
      );
    }
    const fixed = Object.keys(o.set ?? {}).find((field) =>
      FIXED_ON_RESUME.some((f) => `${field}.`.startsWith(`${f}.`)),
    );
    if (fixed) {
      throw new Error(
        `--set ${fixed}: cannot change in a resumed run (the checkpoint's weights, pool and random streams`
          + ` depend on ${FIXED_ON_RESUME.join(', ')})`,
      );
    }
    configJson = saved.json;
    configDir = saved.dir;
    if (o.from) throw new Error('--from: cannot be combined with --resume (a checkpoint already holds its weights)');
    configFile = `${o.resume} (its config)`;
    resumed = checkpoint.state;
  } else {
    if (!o.config) throw new Error("option '--config <file>' is required (or --resume <checkpoint>)");
    const json = readJson(o.config, 'training config');
    if (typeof json !== 'object' || json === null || Array.isArray(json))
      throw new Error(`${o.config}: expected a config object, got ${Array.isArray(json) ? 'an array' : typeof json}`);
    configJson = json as Record<string, unknown>;
    configDir = dirname(resolve(o.config));
    configFile = o.config;
  }
  // --set first: a named flag (--lr, --damage, ...) given as well wins.
  configJson = applyOverrides(applyOverrides(configJson, o.set ?? {}), flagOverrides(o));
  const config = parseTrainConfig(configJson, configFile);
  if (resumed && resumed.iteration > config.training.iterations) {
    throw new Error(
      `--iterations: expected at least the checkpoint's ${resumed.iteration} iterations,`
        + ` got ${config.training.iterations}`,
    );
  }
  const out = o.out ? resolve(o.out) : resolve(configDir, config.out);
  if (!out.endsWith('.genome.json'))
    throw new Error(
      `${configFile}: field out: expected a path ending in .genome.json, got ${JSON.stringify(o.out ?? config.out)}`,
    );
  if (!existsSync(dirname(out)) || !statSync(dirname(out)).isDirectory()) {
    throw new Error(
      `${o.out ? '--out' : `${configFile}: field out`}: expected a file in an existing folder,`
        + ` but ${dirname(out)} is not a folder`,
    );
  }
  const base = join(dirname(out), basename(out, '.genome.json'));
  const images = config.target
    ? [{ image: config.target, environment: 0, field: 'target' }]
    : config.bodies!.map((b, i) => ({ image: b.target, environment: b.environment, field: `bodies[${i}].target` }));
  const bodies: BodySource[] = images.map(({ image, environment, field }) => ({
    image: cropImage(
      loadImage(resolve(configDir, image.file), `${field}.file`, configFile),
      image.tile,
      image.tileSize,
      `${configFile}: field ${field}`,
    ),
    environment,
    name: `${configFile}: field ${field} (${image.file})`,
  }));
  const tissue: TissueSource = config.tissue
    ? {
        image: cropImage(
          loadImage(resolve(configDir, config.tissue.file), 'tissue.file', configFile),
          config.tissue.tile,
          config.tissue.tileSize,
          `${configFile}: field tissue`,
        ),
      }
    : config.tissueClusters
      ? { clusters: config.tissueClusters }
      : null;
  const data = trainingData({
    bodies,
    tissue,
    tissueName: config.tissue
      ? `${configFile}: field tissue (${config.tissue.file})`
      : `${configFile}: field tissueClusters`,
    experts: config.architecture.experts.length,
    fields: config.architecture.morphogens,
    grid: config.grid,
    morphogenScale: config.grid.morphogenScale,
  });
  const from = o.from ? startingWeights(o.from, config) : null;
  return {
    config,
    configJson,
    configDir,
    out,
    from,
    checkpoint: o.checkpoint ? resolve(o.checkpoint) : `${base}.checkpoint.bin`,
    log: o.log ? resolve(o.log) : `${base}.log.jsonl`,
    reportDir: `${base}.report`,
    data,
    resumed,
  };
}

/**
 * The weights of a genome file to start from: its architecture the config's, or the config's reading fewer
 * morphogens or with a linear gate where the config's has a hidden layer (weightsForArchitecture).
 */
function startingWeights(file: string, config: TrainConfig): Float32Array[] {
  let genome: Genome;
  try {
    genome = readGenomeFile(file);
  } catch (error) {
    throw new Error(`--from: ${(error as Error).message}`);
  }
  try {
    return weightsForArchitecture(genome, architectureOf(config), config.training.seed).values;
  } catch (error) {
    throw new Error(`--from ${file}: ${(error as Error).message}`);
  }
}
