/**
 * The report beside a trained genome, measured with the reference step (what the app and `npm run sim`
 * run): the loss curve as SVG, a strip of the organism growing, its cell-type map, and final metrics: loss
 * with the preset's top-k and dense, the share of alive cells per dominant expert, regrowth after erasing
 * 30% of the organism, the active-parameter fraction, and tissue agreement when there are labels.
 * Pure: returns text and pixels; the CLI writes them.
 */
import { expertCount, type Genome } from '../model/genome.ts';
import { cellType, isAliveCell } from '../model/metrics.ts';
import { resolveParams, type RegulationParams } from '../model/params.ts';
import { growFromSeed, referenceStep, runReference } from '../model/reference.ts';
import { createSeededState, type CellState } from '../model/state.ts';
import { rgbaLoss } from '../model/target.ts';
import { DEFAULT_TRIALS, runTrials, type TrialTable } from '../model/perturbation-trials.ts';
import type { Quality } from '../model/quality.ts';
import type { SwitchResult } from '../model/switch-trial.ts';
import type { DormantResult } from '../model/dormant-trial.ts';
import { renderView } from '../model/views.ts';
import { regrowthTrial, regrowthTrials, type RegrowthResult, type RegrowthTrials } from '../model/regrowth-trial.ts';
import type { HistoryEntry, TrainingData } from './loop.ts';
import { measureBodies, type BodyMeasure } from './report-bodies.ts';
import { recentre, summarise, type GrowthMeasure } from './report-measures.ts';

export interface Picture {
  width: number;
  height: number;
  rgba: Uint8ClampedArray;
}

export interface ReportOptions {
  steps: number;
  regrowSteps: number;
  strip: number[];
  seed: number;
  qualityGrid: { width: number; height: number };
  qualitySteps: number[];
  qualitySeeds: number;
  trialSizes: number[];
}

export interface ReportMetrics {
  steps: number;
  topK: number;
  sparse: GrowthMeasure;
  dense: GrowthMeasure;
  /** Experts that are the dominant type of at least 10% of alive cells (sparse run). */
  expertsOver10Percent: number;
  /** On the training grid with the training seed; lossAtEnd vs controlLossAtEnd: damaged vs undamaged. */
  regrowth: RegrowthResult & { controlLossAtEnd: number; seed: number; width: number; height: number };
  /** The same trial on the quality grid for each of its seeds: `npm run eval -- GENOME --target PNG --regrowth`. */
  regrowthBySeed: RegrowthTrials & { width: number; height: number };
  tissueAgreement: number | null;
  /** The Growing-NCA measure: `npm run eval -- GENOME --target PNG` gives the same figures. */
  quality: Quality;
  /** The perturbation table per grid side: `npm run eval -- GENOME --target PNG --size NxN --trials`. */
  trials: TrialTable[];
  /**
   * With several bodies, each in its environment: the quality measure and what grows (cell types: which
   * experts the body uses and which it leaves silent). The fields above describe the first body.
   */
  bodies?: BodyMeasure[];
  /** With several bodies: each body grown, then its environment switched to another's (switch-trial.ts). */
  switches?: Omit<SwitchResult, 'kept'>[];
  /** With several bodies: each expert a body leaves dormant, forced in a disc of it (dormant-trial.ts). */
  dormant?: Omit<DormantResult, 'kept'>[];
}

export interface Report {
  metrics: ReportMetrics;
  /** With several bodies: per switch, the grids after it side by side (phenotype). */
  switchStrips: { from: number; to: number; picture: Picture }[];
  /** With several bodies: per dormant expert forced, the body grown, forced and recovered (phenotype). */
  dormantStrips: { body: number; expert: number; picture: Picture }[];
  strip: Picture;
  types: Picture;
  lossSvg: string;
}

export function buildReport(
  genome: Genome,
  params: RegulationParams,
  data: TrainingData,
  width: number,
  height: number,
  options: ReportOptions,
  history: HistoryEntry[],
): Report {
  const K = expertCount(genome);
  const { seed } = options;
  const lastStrip = Math.max(...options.strip);
  const frames = new Map<number, Uint8ClampedArray>();
  // The first body (the only one, for most genomes) in its environment, with the fields it was trained on.
  const environment = data.bodies[0].environment;
  const start = createSeededState(genome, width, height, environment);
  if (options.strip.includes(0)) frames.set(0, renderView(genome, start, 'phenotype'));
  let sparseAt: CellState | null = null;
  let g = start;
  const total = Math.max(lastStrip, options.steps);
  for (let s = 1; s <= total; s++) {
    g = referenceStep(genome, params, g, seed).grid;
    if (options.strip.includes(s)) frames.set(s, renderView(genome, g, 'phenotype'));
    if (s === options.steps) sparseAt = g;
  }
  const grown = sparseAt!;
  const sparse = summarise(genome, grown, data.target);
  const denseParams = resolveParams({ ...params, topK: Math.max(params.topK, K), threshold: 0 }, K, 'report');
  const dense = summarise(
    genome,
    growFromSeed(genome, denseParams, { width, height }, environment, seed, options.steps),
    data.target,
  );

  // Regrowth (regrowth-trial.ts); an undamaged twin run alongside tells what the organism does anyway.
  const regrowth = regrowthTrial(genome, params, grown, data.target, options.regrowSteps, seed);
  const control = runReference(genome, params, grown, seed, options.regrowSteps);

  let tissueAgreement: number | null = null;
  if (data.tissue) {
    let labelled = 0,
      agree = 0;
    for (let cell = 0; cell < width * height; cell++) {
      if (data.tissue[cell] < 0 || !isAliveCell(grown, cell)) continue;
      labelled++;
      if (cellType(grown, cell) === data.tissue[cell]) agree++;
    }
    tissueAgreement = labelled ? agree / labelled : 0;
  }

  const { qualityGrid } = options;
  const { bodies, switches, dormant } = measureBodies(genome, params, data, { width, height }, options);
  const quality = bodies[0].quality;
  // One seed can hide a failure (the French flag's second flag showed with seeds 0 and 1, not the report's 2).
  const qualityTarget = recentre(data, data.target, width, height, qualityGrid.width, qualityGrid.height);
  const regrowthBySeed = {
    ...regrowthTrials(genome, params, qualityTarget, {
      ...qualityGrid,
      seeds: quality.seeds,
      at: options.steps,
      regrowSteps: options.regrowSteps,
      environment,
    }),
    ...qualityGrid,
  };
  const trials = options.trialSizes.map((side) =>
    runTrials(genome, params, recentre(data, data.target, width, height, side, side), {
      width: side,
      height: side,
      seed: 0,
      ...DEFAULT_TRIALS,
      environment,
    }),
  );

  const metrics: ReportMetrics = {
    steps: options.steps,
    topK: params.topK,
    sparse,
    dense,
    quality,
    trials,
    ...(bodies.length > 1
      ? {
          bodies,
          switches: switches.map(({ kept: _, ...rest }) => rest),
          dormant: dormant.map(({ kept: _, ...rest }) => rest),
        }
      : {}),
    expertsOver10Percent: sparse.typeShares.filter((s) => s >= 0.1).length,
    regrowth: { ...regrowth, controlLossAtEnd: rgbaLoss(control, data.target), seed, width, height },
    regrowthBySeed,
    tissueAgreement,
  };
  return {
    metrics,
    strip: stripOf(
      [...frames.entries()].sort((a, b) => a[0] - b[0]).map(([, f]) => f),
      width,
      height,
    ),
    types: { width, height, rgba: renderView(genome, grown, 'type') },
    switchStrips: switches.map((sw) => ({
      from: sw.from,
      to: sw.to,
      picture: stripOf(
        sw.kept.map((k) => renderView(genome, k.grid, 'phenotype')),
        qualityGrid.width,
        qualityGrid.height,
      ),
    })),
    dormantStrips: dormant.map((d) => ({
      body: d.body,
      expert: d.expert,
      picture: stripOf(
        d.kept.map((k) => renderView(genome, k, 'phenotype')),
        qualityGrid.width,
        qualityGrid.height,
      ),
    })),
    lossSvg: lossCurveSvg(history),
  };
}

/** Frames side by side with a 2-pixel white gap. */
function stripOf(frames: Uint8ClampedArray[], width: number, height: number): Picture {
  const gap = 2;
  const total = frames.length * width + (frames.length - 1) * gap;
  const rgba = new Uint8ClampedArray(total * height * 4).fill(255);
  frames.forEach((frame, i) => {
    for (let y = 0; y < height; y++) {
      rgba.set(frame.subarray(y * width * 4, (y + 1) * width * 4), (y * total + i * (width + gap)) * 4);
    }
  });
  return { width: total, height, rgba };
}

/** The loss per iteration on a log scale, with the rgba term beside the total. Hand-written SVG. */
export function lossCurveSvg(history: HistoryEntry[]): string {
  const W = 640,
    H = 320,
    left = 60,
    right = 16,
    top = 16,
    bottom = 40;
  const points = history.filter((h) => Number.isFinite(h.loss) && h.loss > 0);
  if (points.length === 0) {
    const text = '<text x="20" y="40">no finite loss recorded</text>';
    return `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}">${text}</svg>\n`;
  }
  const values = points.flatMap((p) => [p.loss, p.rgba]).filter((v) => v > 0);
  const lo = Math.floor(Math.log10(Math.min(...values))),
    hi = Math.ceil(Math.log10(Math.max(...values)));
  const span = Math.max(1, hi - lo);
  const maxIt = Math.max(1, points[points.length - 1].iteration);
  const x = (it: number) => left + ((W - left - right) * it) / maxIt;
  const y = (v: number) => top + ((H - top - bottom) * (hi - Math.log10(v))) / span;
  const path = (key: 'loss' | 'rgba') =>
    points
      .filter((p) => p[key] > 0)
      .map((p, i) => `${i ? 'L' : 'M'}${x(p.iteration).toFixed(1)},${y(p[key]).toFixed(1)}`)
      .join(' ');
  const grid: string[] = [];
  for (let e = lo; e <= hi; e++) {
    grid.push(
      `<line x1="${left}" x2="${W - right}" y1="${y(10 ** e)}" y2="${y(10 ** e)}" stroke="#ddd"/>`,
      `<text x="${left - 6}" y="${y(10 ** e) + 4}" text-anchor="end" font-size="11">1e${e}</text>`,
    );
  }
  return [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" font-family="sans-serif">`,
    `<rect width="${W}" height="${H}" fill="#fff"/>`,
    ...grid,
    `<line x1="${left}" x2="${W - right}" y1="${H - bottom}" y2="${H - bottom}" stroke="#888"/>`,
    `<text x="${left}" y="${H - 22}" font-size="11">0</text>`,
    `<text x="${W - right}" y="${H - 22}" font-size="11" text-anchor="end">${maxIt}</text>`,
    `<text x="${(W + left) / 2}" y="${H - 6}" font-size="12" text-anchor="middle">iteration</text>`,
    `<path d="${path('rgba')}" fill="none" stroke="#d62728" stroke-width="1" opacity="0.7"/>`,
    `<path d="${path('loss')}" fill="none" stroke="#1f77b4" stroke-width="1.2"/>`,
    `<text x="${W - right - 4}" y="${top + 12}" font-size="12" text-anchor="end" fill="#1f77b4">total loss</text>`,
    `<text x="${W - right - 4}" y="${top + 28}" font-size="12" text-anchor="end" fill="#d62728">rgba L2</text>`,
    '</svg>',
    '',
  ].join('\n');
}
