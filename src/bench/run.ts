/**
 * Runs the GPU benchmark in the page: each case stepped for at least `minimumSeconds` after a warm-up,
 * timed to the GPU's completion, with the model's FLOPs from the parameters the cells actually evaluated.
 */
import type REGL from 'regl';
import { createSimulation } from '../engine/simulation.ts';
import { createSync } from '../gpu/sync.ts';
import { stepFlopsPerCell } from '../model/flops.ts';
import type { Genome } from '../model/genome.ts';
import { benchCases, tissueState, type BenchCase } from './cases.ts';
import { measurePeak } from './peak.ts';

export interface BenchOptions {
  /** Grid sides for the lizard cases. */
  sizes: number[];
  /** Grid side for the sparse-expression cases. */
  sparseSize: number;
  minimumSeconds: number;
}

function runCase(regl: REGL.Regl, bench: BenchCase, minimumSeconds: number) {
  const state = tissueState(bench.genome, bench.size, bench.tissue, 1);
  // Fire rate 1: every cell updates every step, so the work per step does not depend on chance.
  const sim = createSimulation({
    regl,
    genome: bench.genome,
    width: bench.size,
    height: bench.size,
    seed: 1,
    state,
    params: { fireRate: 1, ...bench.params },
  });
  if (bench.tracing) sim.markClone({ x: bench.size / 2, y: bench.size / 2, radius: bench.size / 4 }, 1);
  const sync = createSync(regl);
  const metricsBefore = sim.metrics();
  sim.step(1);
  sync(sim.cellsBuffer.texture);
  const passes = sim.profileStep();
  let steps = 0;
  const start = performance.now();
  while (performance.now() - start < minimumSeconds * 1000 || steps < 3) {
    sim.step(1);
    steps++;
    sync(sim.cellsBuffer.texture);
  }
  const seconds = (performance.now() - start) / 1000;
  const cells = bench.size * bench.size;
  const metrics = sim.metrics();
  sim.destroy();
  const flopsPerStep = cells * stepFlopsPerCell(bench.genome, metrics.activeParamFraction);
  return {
    name: bench.name,
    cells,
    steps,
    seconds: +seconds.toFixed(3),
    stepsPerSecond: steps / seconds,
    cellUpdatesPerSecond: (steps * cells) / seconds,
    millisecondsPerStep: (1000 * seconds) / steps,
    aliveAtStart: metricsBefore.aliveCount,
    aliveAtEnd: metrics.aliveCount,
    activeParamFraction: metrics.activeParamFraction,
    modelFlopsPerSecond: (flopsPerStep * steps) / seconds,
    passMilliseconds: Object.fromEntries(passes.map((p) => [p.name, +p.milliseconds.toFixed(2)])),
  };
}

export function runBenchmark(regl: REGL.Regl, lizard: Genome, options: BenchOptions) {
  const peak = measurePeak(regl, 256, options.minimumSeconds);
  const cases = benchCases(lizard, options.sizes, options.sparseSize).map((bench) => {
    const result = runCase(regl, bench, options.minimumSeconds);
    return { ...result, efficiency: result.modelFlopsPerSecond / peak.flopsPerSecond };
  });
  const find = (name: string) => cases.find((c) => c.name === name);
  const sparse = `${options.sparseSize}x${options.sparseSize}`;
  const dense = find(`K=4 top-k 4 ${sparse}`);
  const top1 = find(`K=4 top-k 1 ${sparse}`);
  const traced = find(`K=4 top-k 1 ${sparse}, lineage tracing`);
  const bySize = options.sizes.map((size) => find(`lizard K=1 ${size}x${size}`)!);
  const base = bySize.find((c) => c.cells === 256 * 256) ?? bySize[0];
  return {
    renderer: regl.limits.renderer,
    peak,
    cases,
    targets: {
      topK1OverDenseStepsPerSecond: dense && top1 ? top1.stepsPerSecond / dense.stepsPerSecond : null,
      // What lineage tracing costs: the step with the clone pass over the same step without it (1 = free).
      tracingOverPlainMillisecondsPerStep:
        traced && top1 ? traced.millisecondsPerStep / top1.millisecondsPerStep : null,
      denseK1EfficiencyAt256AndAbove: bySize
        .filter((c) => c.cells >= 256 * 256)
        .map((c) => ({ name: c.name, efficiency: c.efficiency })),
      // Cost per step relative to 256x256 (or the smallest size), over the cell-count ratio: 1 means linear.
      costPerCellRelativeTo256: base
        ? bySize.map((c) => ({
            name: c.name,
            ratio: c.millisecondsPerStep / base.millisecondsPerStep / (c.cells / base.cells),
          }))
        : [],
    },
  };
}
