/** The perturbation table, on the regenerating lizard (one expert) and on a random genome of four. */
import { readFileSync } from 'node:fs';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { parseGenome } from '../../src/model/genome-file.ts';
import { measure } from '../../src/model/metrics.ts';
import { resolveParams } from '../../src/model/params.ts';
import { runTrials, trialPerturbations } from '../../src/model/perturbation-trials.ts';
import { runReference } from '../../src/model/reference.ts';
import { createSeededState } from '../../src/model/state.ts';
import { padTarget, premultiplyRgba8, rgbaLoss, sheetTile } from '../../src/model/target.ts';
import { eraseDisc } from '../../src/model/brushes.ts';
import { testGenome } from '../support/genomes.ts';

const FIXTURES = 'tests/fixtures/growing-ca';
const lizard = parseGenome(readFileSync(`${FIXTURES}/lizard-regenerating.json`, 'utf8'), 'lizard');
const sheet = PNG.sync.read(readFileSync(`${FIXTURES}/emoji-targets.png`));
const W = 48,
  H = 48;
const target = padTarget(premultiplyRgba8(sheetTile(sheet.data, sheet.width, sheet.height, 0), 40, 40), 40, 40, W, H);
const options = {
  width: W,
  height: H,
  seed: 3,
  growSteps: 60,
  holdSteps: 10,
  recoverSteps: 40,
  aloneSteps: 100,
  forceRadius: 6,
  eraseRadius: 5,
};

describe('perturbation trials', () => {
  const params = resolveParams(lizard.regulation, 1, 'lizard');
  const table = runTrials(lizard, params, target, options);

  it('one expert: forcing it or changing top-k and temperature changes nothing; the twin is matched exactly', () => {
    expect(table.rows.map((r) => r.trial)).toEqual([
      'force 0 r6, 10 steps',
      'top-k 1 T0.5, 10 steps',
      'erase 30%',
      'erase r5 at the centre',
    ]);
    const [force, regulation] = table.rows;
    for (const row of [force, regulation]) {
      expect(row.maxAliveRatio).toBe(1);
      expect(row.stepsToRecover).toBe(0);
    }
    expect(force.lossAtEnd).toBe(regulation.lossAtEnd);
  });

  it('the regenerating lizard regrows a cut of 30% within the recovery steps', () => {
    const erase = table.rows[2];
    expect(erase.lossAtLift).toBeGreaterThan(1.5 * erase.lossBefore);
    expect(erase.stepsToRecover).toBeGreaterThan(0);
    expect(erase.stepsToRecover).toBeLessThanOrEqual(options.recoverSteps);
    expect(erase.lossAtEnd).toBeLessThan(erase.lossAtLift);
  });

  it("a disc erased at the centre: the loss right after it is the wounded grid's, and the lizard regrows it", () => {
    const grown = runReference(lizard, params, createSeededState(lizard, W, H), 3, 60);
    const wounded = eraseDisc(grown, { x: 24, y: 24, radius: 5 });
    const row = table.rows[3];
    expect(row.lossAtLift).toBe(rgbaLoss(wounded, target));
    expect(row.lossAtLift).toBeGreaterThan(1.5 * row.lossBefore);
    expect(row.stepsToRecover).toBeGreaterThan(0);
    expect(row.stepsToRecover).toBeLessThanOrEqual(options.recoverSteps);
  });

  it('left alone: alive counts before and after, as a plain reference run gives them', () => {
    const grown = runReference(lizard, params, createSeededState(lizard, W, H), 3, 60);
    const later = runReference(lizard, params, grown, 3, 100);
    expect(table.alone).toMatchObject({
      steps: 100,
      aliveBefore: measure(lizard, grown).aliveCount,
      aliveAtEnd: measure(lizard, later).aliveCount,
    });
    expect(table.alone.maxAliveRatio).toBeGreaterThanOrEqual(1);
  });

  it('K experts: a knockout and a forced disc per expert, and the regulation trial', () => {
    const genome = testGenome({ channels: 8, expertHidden: [8, 8, 8, 8] }, { seed: 2 });
    const list = trialPerturbations(genome, { ...options, holdSteps: 50 });
    expect(list.map((p) => p.kind)).toEqual([
      'knockout',
      'knockout',
      'knockout',
      'knockout',
      'force',
      'force',
      'force',
      'force',
      'regulation',
    ]);
    expect(list.every((p) => p.steps === 50)).toBe(true);
    expect(list[4]).toMatchObject({ expert: 0, disc: { x: 24, y: 24, radius: 6 } });
  });
});
