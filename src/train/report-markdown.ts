/**
 * report.md beside a trained genome: its quality figures and perturbation table as Markdown tables, for a
 * preset's README to quote. Every figure comes from metrics.json; the commands that reproduce them head
 * each table.
 */
import { DORMANT_BELOW, dormantExperts } from '../model/dormant-trial.ts';
import type { ReportMetrics } from './report.ts';

const loss = (x: number) => x.toFixed(4);
const ratio = (x: number) => x.toFixed(2);
const percents = (shares: number[]) => shares.map((s) => `${(100 * s).toFixed(0)}%`).join(' / ');

/** Which experts every body uses, and which each body leaves dormant (for another body, or for forcing). */
export function dormancyLine(bodies: NonNullable<ReportMetrics['bodies']>): string {
  const K = bodies[0].grown.expressedShares.length;
  const dormant = bodies.map((b) => dormantExperts(b.grown.expressedShares));
  const list = (ks: number[]) => (ks.length ? ks.join(', ') : 'none');
  const shared = Array.from({ length: K }, (_, k) => k).filter((k) => dormant.every((ks) => !ks.includes(k)));
  const perBody = bodies.map((b, i) => `environment ${b.environment}: ${list(dormant[i])}`);
  return (
    `Experts expressed in every body: ${list(shared)}. Dormant (expressed by under ${100 * DORMANT_BELOW}% of`
    + ` the body's cells) in ${perBody.join('; in ')}.`
  );
}

/** The report's regrowth trial in words, then the same trial for every seed of the quality measure. */
function regrowthLine(genomeFile: string, targetCommand: string, m: ReportMetrics): string {
  const r = m.regrowth;
  const back =
    r.stepsToWithin1_5x === null
      ? `not back within 1.5x of it in ${r.regrowSteps} steps`
      : `back within 1.5x of it in ${r.stepsToWithin1_5x} steps`;
  const all = m.regrowthBySeed;
  const perSeed = all.results.map((s) => (s.stepsToWithin1_5x === null ? 'never' : s.stepsToWithin1_5x)).join(' / ');
  const worst = all.worstSteps === null ? 'not every seed back' : `worst ${all.worstSteps}`;
  return (
    `Regrowth: 30% of the organism (${r.erasedCells} cells) cut away from the right at step ${m.steps}`
    + ` (${r.width}x${r.height}, seed ${r.seed}): loss ${loss(r.lossBefore)}, ${loss(r.lossAfterDamage)} after the`
    + ` cut, ${back}; ${loss(r.lossAtEnd)} ${r.regrowSteps} steps after the cut, against ${loss(r.controlLossAtEnd)}`
    + ` uncut. On ${all.width}x${all.height} for seeds ${all.seeds.join(', ')}:`
    + ` back in ${perSeed} of ${all.regrowSteps} steps (${worst});`
    + ` \`npm run eval -- ${genomeFile} ${targetCommand} --size ${all.width}x${all.height} --regrowth ${all.at}\`.`
  );
}

export function reportMarkdown(name: string, genomeFile: string, targetCommand: string, m: ReportMetrics): string {
  const q = m.quality;
  const lines = [
    `# ${name}: measured`,
    '',
    `Loss (RGBA mean squared error against the target centred on a ${q.width}x${q.height} grid, grown from one seed,`,
    `mean of ${q.seeds.length} seeds):`
      + ` \`npm run eval -- ${genomeFile} ${targetCommand} --size ${q.width}x${q.height}\``,
    '',
    '| steps | loss (mean) | per seed | alive cells | where the target is opaque / translucent / empty | alpha |',
    '| --- | --- | --- | --- | --- | --- |',
    ...q.atSteps.map(
      (a) =>
        `| ${a.step} | ${loss(a.loss)} | ${a.losses.map(loss).join(', ')} | ${Math.round(a.aliveCount)} | `
        + `${[a.parts.body, a.parts.rim, a.parts.outside].map(loss).join(' / ')} | ${loss(a.parts.alpha)} |`,
    ),
    '',
    `Cell types at step ${m.steps} (top-${m.topK}), share of alive cells per dominant expert:`
      + ` ${percents(m.sparse.typeShares)};`
      + ` ${m.expertsOver10Percent} experts at 10% or more.`
      + (m.tissueAgreement === null
        ? ''
        : ` Labelled cells whose dominant expert is their label's: ${(100 * m.tissueAgreement).toFixed(1)}%.`),
    '',
    regrowthLine(genomeFile, targetCommand, m),
    '',
  ];
  if (m.bodies) {
    lines.push(
      '## Bodies',
      '',
      'Each body grown in its environment signal (`--environment E` of `npm run eval`); at step'
        + ` ${m.steps}, per expert: the share of alive cells of which it is the dominant type, and the share`
        + ' that express it at 0.1 or more.',
      '',
      `| environment | ${q.atSteps.map((a) => `loss at ${a.step}`).join(' | ')} | alive cells | cell types |`
        + ' expressed by |',
      `| --- | ${q.atSteps.map(() => '---').join(' | ')} | --- | --- | --- |`,
      ...m.bodies.map(
        (b) =>
          `| ${b.environment} | ${b.quality.atSteps.map((a) => loss(a.loss)).join(' | ')} | ${b.grown.aliveCount} | `
          + `${percents(b.grown.typeShares)} | ${percents(b.grown.expressedShares)} |`,
      ),
      '',
      dormancyLine(m.bodies),
      '',
    );
  }
  for (const sw of m.switches ?? []) {
    const reached =
      sw.stepsToNewBody === null
        ? "it does not become the new body (within 1.5x of the new body's own loss, nearer it than the old)"
        : `it is the new body (within 1.5x of its own loss, nearer it than the old) after ${sw.stepsToNewBody} steps`;
    const at = sw.series.filter((p, i) => i === sw.series.length - 1 || [0, 10, 50, 100, 200].includes(p.step));
    lines.push(
      `### Environment switched from body ${sw.from} to body ${sw.to} after ${sw.growSteps} steps`,
      '',
      `Loss to each body's target after the switch (\`switch-${sw.from}-to-${sw.to}.png\`: the organism`
        + ` ${sw.keepAt.join(', ')} steps after it); ${reached}.`,
      '',
      `| steps after | ${m.bodies!.map((_, b) => `loss to body ${b}`).join(' | ')} | alive cells |`,
      `| --- | ${m.bodies!.map(() => '---').join(' | ')} | --- |`,
      ...at.map((p) => `| ${p.step} | ${p.losses.map(loss).join(' | ')} | ${p.aliveCount} |`),
      '',
    );
  }
  for (const d of m.dormant ?? []) {
    const o = d.options;
    const body = m.bodies![d.body];
    const row = (label: string, at: { losses: number[]; aliveCount: number }) =>
      `| ${label} | ${at.losses.map(loss).join(' | ')} | ${at.aliveCount} |`;
    lines.push(
      `### Expert ${d.expert}, dormant in body ${d.body} (environment ${body.environment}), forced`,
      '',
      `Grown ${o.growSteps} steps (seed ${o.seed}), expert ${d.expert} forced in a disc of radius ${o.radius} at the`
        + ` centre for ${o.forceSteps} steps (the app's Force brush), then lifted for ${o.recoverSteps}`
        + ` (\`dormant-${d.body}-${d.expert}.png\`: grown, forced, recovered).`,
      '',
      `| moment | ${m.bodies!.map((_, b) => `loss to body ${b}`).join(' | ')} | alive cells |`,
      `| --- | ${m.bodies!.map(() => '---').join(' | ')} | --- |`,
      row('grown', d.grown),
      row(`forced ${o.forceSteps} steps`, d.forced),
      row(`${o.recoverSteps} steps after`, d.recovered),
      '',
    );
  }
  for (const t of m.trials) {
    const o = t.options;
    lines.push(
      `## Perturbations on ${t.width}x${t.height}`,
      '',
      `\`npm run eval -- ${genomeFile} ${targetCommand} --size ${t.width}x${t.height} --trials\`:`
        + ` grown ${o.growSteps} steps (seed ${t.seed}), each perturbation held ${o.holdSteps} steps and lifted,`
        + ` then ${o.recoverSteps} steps; alive ratio against an unperturbed twin;`
        + ' recovered = loss back within 1.5x of before.',
      '',
      '| perturbation | largest alive ratio | loss before | loss when lifted | loss at end | steps to recover |',
      '| --- | --- | --- | --- | --- | --- |',
      ...t.rows.map(
        (r) =>
          `| ${r.trial} | ${ratio(r.maxAliveRatio)} | ${loss(r.lossBefore)} | ${loss(r.lossAtLift)}`
          + ` | ${loss(r.lossAtEnd)} | ${r.stepsToRecover ?? `not in ${o.recoverSteps}`} |`,
      ),
      '',
      `Left alone for ${t.alone.steps} steps: ${t.alone.aliveBefore} -> ${t.alone.aliveAtEnd} alive cells`
        + ` (largest ratio ${ratio(t.alone.maxAliveRatio)}),`
        + ` loss ${loss(t.alone.lossBefore)} -> ${loss(t.alone.lossAtEnd)}.`,
      '',
    );
  }
  return lines.join('\n');
}
