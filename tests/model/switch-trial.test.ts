import { describe, expect, it } from 'vitest';
import { fillEnvironment } from '../../src/model/brushes.ts';
import { resolveParams } from '../../src/model/params.ts';
import { runReference } from '../../src/model/reference.ts';
import { createSeededState } from '../../src/model/state.ts';
import { runSwitch } from '../../src/model/switch-trial.ts';
import { rgbaLoss } from '../../src/model/target.ts';
import { testGenome } from '../support/genomes.ts';

const genome = testGenome({ channels: 8, expertHidden: [8, 8], morphogens: 1 }, { seed: 12, outputScale: 0.4 });
genome.metadata.provenance = { morphogens: ['environment'] };
const params = resolveParams(genome.regulation, 2, 'test');
const W = 14,
  H = 12;
const targets = [0.2, 0.7].map((v) => new Float32Array(W * H * 4).fill(v));
const options = { width: W, height: H, seed: 4, growSteps: 5, afterSteps: 6, every: 3, keepAt: [0, 6] };

describe('switching the environment mid-life', () => {
  it('grows in the first environment, then runs on in the second, measured against every target', () => {
    const result = runSwitch(genome, params, [0, 1], targets, 0, 1, Infinity, options);
    const grown = runReference(genome, params, createSeededState(genome, W, H, 0), 4, 5);
    const after = runReference(genome, params, fillEnvironment(grown, [0], 1), 4, 6);
    expect(result.series.map((p) => p.step)).toEqual([0, 3, 6]);
    expect(result.series[0].losses).toEqual(targets.map((t) => rgbaLoss(fillEnvironment(grown, [0], 1), t)));
    expect(result.series[2].losses).toEqual(targets.map((t) => rgbaLoss(after, t)));
    expect([...result.kept[1].grid.state]).toEqual([...after.state]);
    // Staying in the first environment ends elsewhere: the switch matters.
    const stayed = runReference(genome, params, grown, 4, 6);
    expect(rgbaLoss(stayed, targets[1])).not.toBeCloseTo(result.series[2].losses[1], 8);
  });

  it('counts the steps until it is the new body: within 1.5x of its own loss, and nearer it than the old', () => {
    // The grid stays nearer the 0.2 target than the 0.7 one throughout: it is body 0 however it was switched.
    const toBody0 = runSwitch(genome, params, [0, 1], targets, 1, 0, Infinity, options);
    expect(toBody0.series.every((p) => p.losses[0] < p.losses[1])).toBe(true);
    expect(toBody0.stepsToNewBody).toBe(0);
    expect(runSwitch(genome, params, [0, 1], targets, 1, 0, 0, options).stepsToNewBody).toBeNull();
    // Switched to body 1, it is within any loss of it, but never nearer it than body 0: not remodelled.
    expect(runSwitch(genome, params, [0, 1], targets, 0, 1, Infinity, options).stepsToNewBody).toBeNull();
  });
});
