/**
 * A training config (presets/train/NAME.json), as a zod schema with every default in one place. Paths in a
 * config are relative to the config file's folder. Every problem is an Error naming the file and the field.
 */
import { z } from 'zod';
import { LIMITS } from '../model/genome.ts';
import { PERCEPTION_FILTERS } from '../model/perception.ts';
import { parameterSchema } from '../model/parameter-schema.ts';
import { SEED_MAX } from '../model/hash.ts';
import { got, int, num, object, parseOrThrow, text } from '../model/schema-helpers.ts';
import { MORPHOGEN_FIELDS } from '../model/morphogen-fields.ts';
import { PERTURBATION_KINDS } from '../model/perturbation.ts';
import { DAMAGE_CENTRES, DAMAGE_PICKS } from './pool.ts';

/**
 * Default grid cells x steps one backward tape holds: the rollout keeps every step's tensors for the backward
 * pass, about 2 KB per cell-step where every cell lives, and tfjs-wasm fails past 2 GB of heap (out-of-bounds
 * errors). Larger shards run as several passes (whole grids each) whose gradients add up; the load-balance
 * and sparsity terms are then per pass. An organism that fills a quarter of its grid holds far less per
 * cell-step: its configs can raise training.cellStepsPerPass.
 */
export const CELL_STEPS_PER_PASS = 640_000;

/** What `training.train` may name: which weights a run updates. */
export const TRAINABLE = ['all', 'gate', 'experts'] as const;
export type Trainable = (typeof TRAINABLE)[number];

/** Whether the weight called `name` (weightsFromGenome's names) learns under `train`. */
export function isTrainable(name: string, train: Trainable): boolean {
  return train === 'all' || name.startsWith(train === 'gate' ? 'gate' : 'experts');
}

const image = object({
  file: text,
  /** For a horizontal sheet of square tiles (the emoji sheet): which tile, and its side. */
  tile: int(0, 1000).optional(),
  tileSize: int(1, LIMITS.maxGridSide).default(40),
});

export const trainConfigSchema = object({
  name: text.regex(/^[A-Za-z0-9._-]+$/, { error: 'expected a name of letters, digits, ".", "_" or "-"' }),
  description: text.default(''),
  /** Licence and credit the genome must carry (copied to metadata.attribution), e.g. for a CC-BY target. */
  attribution: text.optional(),
  /** The genome to write; the report folder, checkpoint and log go beside it. */
  out: text,
  /** The image to grow; or, for a genome with several bodies, `bodies`. */
  target: image.optional(),
  /**
   * Several bodies from one genome (polyphenism): each target is grown in its environment signal (the
   * architecture's "environment" morphogen field); each grid of the pool draws one body.
   */
  bodies: z
    .array(
      object({
        target: image,
        environment: num(0, 1),
        /**
         * Experts this body is taught to leave unexpressed (loss.silence): circuits of the genome that stay
         * dormant in this body, for the other body's use (or for forcing in the app).
         */
        silent: z.array(int(0, LIMITS.maxExperts - 1)).default([]),
      }),
    )
    .min(2)
    .max(8)
    .optional(),
  /** Optional: an image as large as the target whose colours (the app's expert palette) name each region's expert. */
  tissue: image.optional(),
  /**
   * Or: tissue labels derived from the target itself, its opaque pixels clustered by colour, each colour
   * but the body's optionally split into the part the body surrounds and the rest; cluster j, largest
   * first, labels expert j. See src/train/colour-labels.ts.
   */
  tissueClusters: object({
    clusters: int(2, LIMITS.maxExperts),
    splitInside: z.boolean().default(false),
    minAlpha: num(0, 1).default(0.5),
    maxDistance: num(0, 442).default(60),
  }).optional(),
  grid: object({
    width: int(8, 512),
    height: int(8, 512),
    /**
     * The grid on which the positional morphogen fields (x, y, radial) run from 0 to 1: their unit of length.
     * Default: this grid. A larger training grid with the scale of a smaller one shows the organism the
     * field values past 0 and 1 that it meets in the app's larger grids, so it learns to stop growing there.
     */
    morphogenScale: object({ width: int(2, 512), height: int(2, 512) }).optional(),
  }).prefault({ width: 72, height: 72 }),
  architecture: object({
    channels: int(4, LIMITS.maxChannels).default(16),
    perception: z
      .array(
        z.enum(PERCEPTION_FILTERS, {
          error: (i) => `expected one of ${PERCEPTION_FILTERS.join(', ')}, got ${got(i.input)}`,
        }),
      )
      .min(1)
      .max(PERCEPTION_FILTERS.length)
      .default(['identity', 'sobel_x', 'sobel_y']),
    /** Hidden units of each expert: K = the length. */
    experts: z.array(int(1, LIMITS.maxHidden)).min(1).max(LIMITS.maxExperts).default([128]),
    /** Gate hidden units: null = no gate (K = 1 only), 0 = linear. */
    gate: int(0, LIMITS.maxHidden).nullable().default(null),
    /** Painted fields the gate reads, one per entry: x / y gradients from 0 to 1, radial distance from the centre. */
    morphogens: z
      .array(
        z.enum(MORPHOGEN_FIELDS, {
          error: (i) => `expected one of ${MORPHOGEN_FIELDS.join(', ')}, got ${got(i.input)}`,
        }),
      )
      .max(LIMITS.maxMorphogens)
      .default([]),
  }).prefault({}),
  /** The regulation the genome runs with (written into it), trained with as it will run. */
  regulation: object({
    topK: parameterSchema('topK').optional(),
    temperature: parameterSchema('temperature').optional(),
    threshold: parameterSchema('threshold').optional(),
    plasticity: parameterSchema('plasticity').optional(),
    noise: parameterSchema('noise').optional(),
    fireRate: parameterSchema('fireRate').optional(),
    morphogenGain: parameterSchema('morphogenGain').optional(),
  }).prefault({}),
  training: object({
    iterations: int(1, 1_000_000).default(2000),
    batch: int(1, 256).default(8),
    pool: int(1, 4096).default(256),
    stepsMin: int(1, 1000).default(64),
    stepsMax: int(1, 1000).default(96),
    lr: num(1e-6, 1).default(2e-3),
    /** The learning rate is multiplied by lrDecayFactor at each of these iterations. */
    lrDecayAt: z.array(int(1, 1_000_000)).default([]),
    lrDecayFactor: num(1e-6, 1).default(0.1),
    /** Grids of each batch damaged (the best ones, or see damagePick) by a random disc, for regeneration. */
    damage: int(0, 256).default(0),
    /**
     * With several bodies: grids of each batch (grown ones, neither reseeded nor damaged) whose body changes
     * to another, environment and target with it, so the genome learns to remodel one body into the other.
     */
    remodel: int(0, 256).default(0),
    /** Disc radius as a fraction of the target's side: [min, max]. */
    damageRadius: z.tuple([num(0, 2), num(0, 2)]).default([0.1, 0.4]),
    /**
     * Chance that a damage is a straight cut at a random angle (the share damageCutShare of the alive cells
     * on one side of a line) instead of a disc: the report's regrowth trial and the app's Erase brush take a
     * whole side, which a disc inside the target box rarely does.
     */
    damageCut: num(0, 1).default(0),
    damageCutShare: z.tuple([num(0, 1), num(0, 1)]).default([0.1, 0.4]),
    /**
     * Where a disc's centre falls: anywhere in the target box ('box'), or on one of the grid's alive cells
     * ('organism'), so that a thin body such as the butterfly's thorax is wounded as often as its share of the
     * organism, not of the box around it.
     */
    damageAt: z
      .enum(DAMAGE_CENTRES, { error: (i) => `expected one of ${DAMAGE_CENTRES.join(', ')}, got ${got(i.input)}` })
      .default('box'),
    /**
     * Which grids of a batch are damaged: the best ('best', as Growing-NCA), or any but the one reseeded
     * ('any'), so that organisms are wounded young as well as grown.
     */
    damagePick: z
      .enum(DAMAGE_PICKS, { error: (i) => `expected one of ${DAMAGE_PICKS.join(', ')}, got ${got(i.input)}` })
      .default('best'),
    /**
     * Wound the damaged grids this many steps before their rollout ends ([min, max], drawn per grid) instead
     * of before it begins: the loss at the end then asks them to regrow within that many steps, as the
     * report's regrowth trial counts the steps (issue 9 asks for 50). Absent or null: before the rollout
     * begins (null, so that `--set training.damageLate=null` replays a stage trained before it).
     */
    damageLate: z
      .tuple([int(1, 1000), int(1, 1000)])
      .nullable()
      .optional(),
    /**
     * The run's genome is the mean of the weights after every iteration past this one (src/train/
     * weight-average.ts) instead of the last weights; training goes on with the live ones. Absent or null: the
     * last weights.
     */
    averageFrom: int(0, 1_000_000).nullable().optional(),
    seed: int(0, SEED_MAX).default(0),
    workers: int(1, 64).default(2),
    checkpointEvery: int(1, 1_000_000).default(100),
    /**
     * Which weights learn: all; the regulatory layer only (gate, with its hidden layer), the experts kept
     * bit for bit; or the experts only.
     */
    train: z
      .enum(TRAINABLE, { error: (i) => `expected one of ${TRAINABLE.join(', ')}, got ${got(i.input)}` })
      .default('all'),
    /** Scale of the experts' initial output layers (0 = zero, as Growing-NCA starts). */
    initScale: num(0, 10).default(0),
    /**
     * Grid cells x steps one backward tape holds (src/train/objective.ts): more grids per pass share each
     * op's dispatch (faster) but hold more memory. 8 grids of 72x72 x 80 steps of a grown 40x40 emoji
     * (3M) ran 25% faster than one grid a pass (640k) in 3 GB.
     */
    cellStepsPerPass: int(10_000, 100_000_000).default(CELL_STEPS_PER_PASS),
    /** Evaluate every expert on every active cell when this share of (cell, expert) pairs is expressed. */
    denseAbove: num(0, 2).default(0.75),
  }).prefault({}),
  /** The app's perturbations during rollouts (src/train/perturb.ts); grids 0 = none. */
  perturb: object({
    grids: int(0, 256).default(0),
    kinds: z
      .array(
        z.enum(PERTURBATION_KINDS, {
          error: (i) => `expected one of ${PERTURBATION_KINDS.join(', ')}, got ${got(i.input)}`,
        }),
      )
      .min(1)
      .default([...PERTURBATION_KINDS]),
    hold: z.tuple([num(0, 1), num(0, 1)]).default([0.25, 1]),
    forceRadius: z.tuple([num(0, LIMITS.maxGridSide), num(0, LIMITS.maxGridSide)]).default([3, 8]),
    topK: z.tuple([parameterSchema('topK'), parameterSchema('topK')]).default([1, 4]),
    temperature: z.tuple([parameterSchema('temperature'), parameterSchema('temperature')]).default([0.5, 2]),
  }).prefault({}),
  loss: object({
    loadBalance: num(0, 1000).default(0),
    sparsity: num(0, 1000).default(0),
    tissue: num(0, 1000).default(0),
    /** Weight of the final marks of each body's silent experts (bodies[].silent), over its alive cells. */
    silence: num(0, 1000).default(0),
    /** Weight of the alpha left outside the body (src/train/objective.ts): against a faint halo. */
    outside: num(0, 1000).default(0),
  }).prefault({}),
  report: object({
    /** Step counts of the growth strip. */
    strip: z.array(int(0, 100_000)).min(1).default([0, 16, 32, 64, 96, 200]),
    /** Steps grown before measuring, and after damage for regrowth. */
    steps: int(1, 100_000).default(96),
    regrowSteps: int(1, 100_000).default(200),
    /** Grids of the Growing-NCA quality measure (src/model/quality.ts) and of the perturbation table. */
    qualityGrid: object({ width: int(8, 512), height: int(8, 512) }).prefault({ width: 72, height: 72 }),
    qualitySteps: z.array(int(0, 100_000)).min(1).default([96, 200]),
    qualitySeeds: int(1, 100).default(3),
    /** Grid sides of the perturbation table (src/model/perturbation-trials.ts); [] skips it. */
    trialSizes: z.array(int(8, 512)).default([72]),
  }).prefault({}),
});

export type TrainConfig = z.infer<typeof trainConfigSchema>;

/** Checks a parsed config object; throws naming `file` and the field. Cross-field checks follow the schema. */
export function parseTrainConfig(json: unknown, file: string): TrainConfig {
  const config = parseOrThrow(trainConfigSchema, json, file);
  const fail = (field: string, problem: string): never => {
    throw new Error(`${file}: field ${field}: ${problem}`);
  };
  const K = config.architecture.experts.length;
  if (!config.target === !config.bodies)
    fail(
      'target',
      'expected either target (one image) or bodies (several, each with its environment),'
        + ` got ${config.target ? 'both' : 'neither'}`,
    );
  if (config.bodies) {
    if (!config.architecture.morphogens.includes('environment'))
      fail('architecture.morphogens', 'expected an "environment" field for bodies to be told apart by');
    if (config.tissue || config.tissueClusters)
      fail('bodies', 'expected no tissue labels with several bodies (tissue and tissueClusters take one target)');
    config.bodies.forEach((body, i) => {
      const outside = body.silent.find((k) => k >= K);
      if (outside !== undefined) fail(`bodies[${i}].silent`, `expected experts 0 to ${K - 1}, got ${outside}`);
      if (new Set(body.silent).size >= K) {
        const count = new Set(body.silent).size;
        fail(`bodies[${i}].silent`, `expected fewer than the ${K} experts (a body needs one to grow), got ${count}`);
      }
    });
    const environments = config.bodies.map((b) => b.environment);
    if (new Set(environments).size !== environments.length)
      fail('bodies', `expected a different environment for each body, got ${JSON.stringify(environments)}`);
  }
  if (config.architecture.gate === null && K > 1)
    fail('architecture.gate', `expected a gate (0 = linear, n = hidden units) for ${K} experts, got null`);
  if (config.architecture.gate === null && config.architecture.morphogens.length > 0)
    fail('architecture.morphogens', 'expected none without a gate (only the gate reads morphogens)');
  if (config.training.stepsMax < config.training.stepsMin)
    fail(
      'training.stepsMax',
      `expected at least training.stepsMin (${config.training.stepsMin}), got ${config.training.stepsMax}`,
    );
  if (config.training.batch > config.training.pool)
    fail('training.batch', `expected at most training.pool (${config.training.pool}), got ${config.training.batch}`);
  if (config.training.damage >= config.training.batch && config.training.damage > 0)
    fail(
      'training.damage',
      `expected fewer than training.batch (${config.training.batch}), got ${config.training.damage}`,
    );
  const [rMin, rMax] = config.training.damageRadius;
  if (rMax < rMin) fail('training.damageRadius', `expected [min, max] with min <= max, got [${rMin}, ${rMax}]`);
  const [sMin, sMax] = config.training.damageCutShare;
  if (sMax < sMin) fail('training.damageCutShare', `expected [min, max] with min <= max, got [${sMin}, ${sMax}]`);
  const late = config.training.damageLate;
  if (late && late[1] < late[0])
    fail('training.damageLate', `expected [min, max] with min <= max, got [${late[0]}, ${late[1]}]`);
  if (late && late[1] > config.training.stepsMin)
    fail('training.damageLate', `expected at most training.stepsMin (${config.training.stepsMin}), got ${late[1]}`);
  if (config.training.train === 'gate' && config.architecture.gate === null) {
    fail('training.train', 'expected all or experts for a genome without a gate, got gate');
  }
  if (config.tissue && K < 2) fail('tissue', 'expected at least 2 experts for tissue supervision');
  if (config.training.remodel > 0 && !config.bodies)
    fail('training.remodel', 'expected 0 without bodies (there is no other body to remodel into)');
  const spare = config.training.batch - 1 - config.training.damage;
  if (config.training.remodel > spare) {
    fail(
      'training.remodel',
      `expected at most ${spare} (training.batch less the reseeded grid and the ${config.training.damage} damaged),`
        + ` got ${config.training.remodel}`,
    );
  }
  if (config.perturb.grids > spare) {
    fail(
      'perturb.grids',
      `expected at most ${spare} (training.batch less the reseeded grid and the ${config.training.damage} damaged),`
        + ` got ${config.perturb.grids}`,
    );
  }
  for (const field of ['hold', 'forceRadius', 'topK', 'temperature'] as const) {
    const [lo, hi] = config.perturb[field];
    if (hi < lo) fail(`perturb.${field}`, `expected [min, max] with min <= max, got [${lo}, ${hi}]`);
  }
  if (config.loss.silence > 0 && !config.bodies?.some((b) => b.silent.length > 0))
    fail('loss.silence', `expected 0 when no body has silent experts (bodies[].silent), got ${config.loss.silence}`);
  if (config.tissue && config.tissueClusters)
    fail('tissueClusters', 'expected either tissue (an image) or tissueClusters, got both');
  if (config.tissueClusters && config.tissueClusters.clusters > K) {
    fail('tissueClusters.clusters', `expected at most the ${K} experts, got ${config.tissueClusters.clusters}`);
  }
  return config;
}

/** Flag values that override config fields: dotted field -> value. */
export function applyOverrides(
  json: Record<string, unknown>,
  overrides: Record<string, unknown>,
): Record<string, unknown> {
  const copy = structuredClone(json);
  for (const [path, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const keys = path.split('.');
    let node = copy as Record<string, unknown>;
    for (const key of keys.slice(0, -1)) {
      if (typeof node[key] !== 'object' || node[key] === null) node[key] = {};
      node = node[key] as Record<string, unknown>;
    }
    node[keys[keys.length - 1]] = value;
  }
  return copy;
}
