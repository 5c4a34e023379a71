/**
 * The per-body half of a report: each body grown in its environment (its quality measure and what grows),
 * and, with several bodies, each switched to every other's environment mid-life and each expert a body
 * leaves dormant forced in it.
 */
import type { Genome } from '../model/genome.ts';
import type { RegulationParams } from '../model/params.ts';
import { DEFAULT_DORMANT, dormantExperts, runDormant, type DormantResult } from '../model/dormant-trial.ts';
import { measureQuality, type Quality } from '../model/quality.ts';
import { growFromSeed } from '../model/reference.ts';
import { DEFAULT_SWITCH, runSwitch, type SwitchResult } from '../model/switch-trial.ts';
import type { TrainingData } from './loop.ts';
import type { ReportOptions } from './report.ts';
import { recentre, summarise, type GrowthMeasure } from './report-measures.ts';

export interface BodyMeasure {
  environment: number;
  quality: Quality;
  grown: GrowthMeasure;
}

export function measureBodies(
  genome: Genome,
  params: RegulationParams,
  data: TrainingData,
  trainingGrid: { width: number; height: number },
  options: ReportOptions,
): { bodies: BodyMeasure[]; switches: SwitchResult[]; dormant: DormantResult[] } {
  const { qualityGrid, seed } = options;
  const { width, height } = trainingGrid;
  const seeds = Array.from({ length: options.qualitySeeds }, (_, i) => i);
  const targets = data.bodies.map((b) =>
    recentre(data, b.target, width, height, qualityGrid.width, qualityGrid.height),
  );
  const bodies = data.bodies.map((body, i) => {
    const grownBody = growFromSeed(genome, params, qualityGrid, body.environment, seed, options.steps);
    return {
      environment: body.environment,
      quality: measureQuality(genome, params, targets[i], {
        ...qualityGrid,
        steps: options.qualitySteps,
        seeds,
        environment: body.environment,
      }),
      grown: summarise(genome, grownBody, targets[i]),
    };
  });
  const switches: SwitchResult[] = [];
  const dormant: DormantResult[] = [];
  if (bodies.length > 1) {
    const environments = data.bodies.map((b) => b.environment);
    const switchOptions = { ...qualityGrid, seed: 0, ...DEFAULT_SWITCH };
    bodies.forEach((_, from) => {
      bodies.forEach((to, j) => {
        if (j === from) return;
        const reference = to.quality.atSteps[to.quality.atSteps.length - 1].loss;
        switches.push(runSwitch(genome, params, environments, targets, from, j, reference, switchOptions));
      });
    });
    const dormantOptions = { ...qualityGrid, seed: 0, ...DEFAULT_DORMANT };
    bodies.forEach((b, i) => {
      for (const expert of dormantExperts(b.grown.expressedShares))
        dormant.push(runDormant(genome, params, environments, targets, i, expert, dormantOptions));
    });
  }
  return { bodies, switches, dormant };
}
