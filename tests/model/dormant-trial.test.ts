import { describe, expect, it } from 'vitest';
import { forceRegion } from '../../src/model/brushes.ts';
import { dormantExperts, runDormant } from '../../src/model/dormant-trial.ts';
import { resolveParams } from '../../src/model/params.ts';
import { runReference } from '../../src/model/reference.ts';
import { createSeededState } from '../../src/model/state.ts';
import { rgbaLoss } from '../../src/model/target.ts';
import { testGenome } from '../support/genomes.ts';

const genome = testGenome({ channels: 8, expertHidden: [8, 8], morphogens: 1 }, { seed: 12, outputScale: 0.4 });
genome.metadata.provenance = { morphogens: ['environment'] };
const params = resolveParams(genome.regulation, 2, 'test');
const W = 14,
  H = 12;
const targets = [0.2, 0.7].map((v) => new Float32Array(W * H * 4).fill(v));
const options = { width: W, height: H, seed: 4, growSteps: 5, forceSteps: 3, recoverSteps: 4, radius: 3 };

describe('forcing a dormant expert', () => {
  it('grows the body, forces the expert in a central disc, lifts it, and measures each moment', () => {
    const result = runDormant(genome, params, [0, 1], targets, 1, 0, options);
    // By hand: the body of environment 1, expert 0 painted on a disc at the centre for 3 steps, then cleared.
    const grown = runReference(genome, params, createSeededState(genome, W, H, 1), 4, 5);
    const disc = { x: 7, y: 6, radius: 3 };
    const forced = runReference(genome, params, forceRegion(grown, disc, 0), 4, 3);
    const recovered = runReference(genome, params, forceRegion(forced, disc, null), 4, 4);
    expect(result.kept.map((g) => [...g.state])).toEqual([grown, forced, recovered].map((g) => [...g.state]));
    expect(result.grown.losses).toEqual(targets.map((t) => rgbaLoss(grown, t)));
    expect(result.forced.losses).toEqual(targets.map((t) => rgbaLoss(forced, t)));
    expect(result.recovered.losses).toEqual(targets.map((t) => rgbaLoss(recovered, t)));
    // The forcing changed the organism: a run left alone ends elsewhere.
    const alone = runReference(genome, params, grown, 4, 3);
    expect([...alone.state]).not.toEqual([...forced.state]);
    expect({ body: result.body, expert: result.expert }).toEqual({ body: 1, expert: 0 });
  });

  it('calls an expert dormant when under 1% of the alive cells express it', () => {
    expect(dormantExperts([0.5, 0.0099, 0, 0.01])).toEqual([1, 2]);
    expect(dormantExperts([0.3, 0.4])).toEqual([]);
  });
});
