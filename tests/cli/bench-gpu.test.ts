import { execFileSync } from 'node:child_process';
import { expect, it } from 'vitest';

it('npm run bench -- --smoke runs every case in headless Chromium and prints the JSON report', () => {
  const output = execFileSync('node_modules/.bin/tsx', ['src/cli/bench-gpu.ts', '--smoke'], {
    encoding: 'utf8',
    timeout: 240_000,
  });
  const report = JSON.parse(output);
  expect(report.benchmark).toBe('gpu-engine');
  expect(report.peak.flopsPerSecond).toBeGreaterThan(0);
  expect(report.cases.map((c: { name: string }) => c.name)).toEqual([
    'lizard K=1 32x32',
    'lizard K=1 64x64',
    'K=4 top-k 4 64x64',
    'K=4 top-k 2 64x64',
    'K=4 top-k 1 64x64',
    'K=4 top-k 1 64x64, salt-and-pepper types',
    'K=4 top-k 1 64x64, lineage tracing',
  ]);
  for (const c of report.cases) {
    expect(c.stepsPerSecond).toBeGreaterThan(0);
    expect(c.efficiency).toBeGreaterThan(0);
    expect(Object.keys(c.passMilliseconds)).toContain('hidden');
  }
  const [dense, top2, top1] = report.cases.slice(2, 5);
  expect(dense.activeParamFraction).toBeCloseTo(1, 5);
  expect(top1.activeParamFraction).toBeLessThan(top2.activeParamFraction);
  expect(report.targets.topK1OverDenseStepsPerSecond).toBeGreaterThan(0);
  const traced = report.cases.at(-1);
  expect(Object.keys(traced.passMilliseconds)).toContain('clones');
  expect(Object.keys(top1.passMilliseconds)).not.toContain('clones');
  expect(report.targets.tracingOverPlainMillisecondsPerStep).toBeGreaterThan(0);
}, 300_000);
