/**
 * One growth of a sweep, on a worker thread (src/cli/sweep.ts runs a tinypool of them, one per core): the
 * genome (parsed once per thread), a start grid, the combination's regulation; returns the measures and,
 * when asked, the picture of the end.
 */
import type { Genome } from '../model/genome.ts';
import { parseGenome } from '../model/genome-file.ts';
import type { RegulationParams } from '../model/params.ts';
import { createSeededState } from '../model/state.ts';
import { fillEnvironment } from '../model/brushes.ts';
import { environmentChannels } from '../model/morphogen-fields.ts';
import { growAndMeasure, type GrowthSummary } from '../model/sweep.ts';
import { renderView, type ViewName } from '../model/views.ts';
import { parseState } from '../model/state-file.ts';

export interface SweepTask {
  genomeFile: string;
  genomeText: string;
  /** An exported state to start from (its text), or null for one seed cell at the centre. */
  startState: { file: string; text: string } | null;
  width: number;
  height: number;
  params: RegulationParams;
  /** The environment signal to grow in, or null to leave the start's own. */
  environment: number | null;
  seed: number;
  steps: number;
  target: Float32Array | null;
  /** Render the end in this view, or null for no picture. */
  view: ViewName | null;
}

export interface SweepTaskResult {
  summary: GrowthSummary;
  image: Uint8ClampedArray | null;
}

const genomes = new Map<string, Genome>();

export default function runSweepTask(task: SweepTask): SweepTaskResult {
  let genome = genomes.get(task.genomeFile);
  if (!genome) {
    genome = parseGenome(task.genomeText, task.genomeFile);
    genomes.set(task.genomeFile, genome);
  }
  let start = task.startState
    ? parseState(task.startState.text, task.startState.file)
    : createSeededState(genome, task.width, task.height, task.environment ?? 0);
  if (task.startState && task.environment !== null)
    start = fillEnvironment(start, environmentChannels(genome), task.environment);
  const { grid, summary } = growAndMeasure(genome, task.params, start, task.seed, task.steps, task.target);
  return { summary, image: task.view ? renderView(genome, grid, task.view) : null };
}
