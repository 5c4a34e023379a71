/**
 * The report `npm run train` writes beside the genome (NAME.report/): loss.svg, strip.png, types.png, a
 * strip per body switch, metrics.json and report.md, whose commands rerun its measures.
 */
import { mkdirSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import type { Genome } from '../model/genome.ts';
import { paramsOf, type HistoryEntry } from '../train/loop.ts';
import { buildReport } from '../train/report.ts';
import { reportMarkdown } from '../train/report-markdown.ts';
import { writeFileAtomic } from './atomic.ts';
import { writePngAtomic } from './png.ts';
import type { Plan } from './train-plan.ts';

/** Writes the report of `genome`, trained as `p` says; returns the headline metrics for the summary line. */
export function writeRunReport(p: Plan, genome: Genome, history: HistoryEntry[]) {
  const { config } = p;
  const report = buildReport(
    genome,
    paramsOf(config),
    p.data,
    config.grid.width,
    config.grid.height,
    { ...config.report, seed: config.training.seed },
    history,
  );
  mkdirSync(p.reportDir, { recursive: true });
  writeFileAtomic(join(p.reportDir, 'loss.svg'), report.lossSvg);
  writePngAtomic(join(p.reportDir, 'strip.png'), report.strip.width, report.strip.height, report.strip.rgba);
  writePngAtomic(join(p.reportDir, 'types.png'), report.types.width, report.types.height, report.types.rgba);
  for (const { from, to, picture } of report.switchStrips)
    writePngAtomic(join(p.reportDir, `switch-${from}-to-${to}.png`), picture.width, picture.height, picture.rgba);
  for (const { body, expert, picture } of report.dormantStrips)
    writePngAtomic(join(p.reportDir, `dormant-${body}-${expert}.png`), picture.width, picture.height, picture.rgba);
  writeFileAtomic(
    join(p.reportDir, 'metrics.json'),
    `${JSON.stringify({ name: config.name, strip: config.report.strip, ...report.metrics }, null, 2)}\n`,
  );
  const t = config.target ?? config.bodies![0].target;
  const environment = config.bodies ? ` --environment ${config.bodies[0].environment}` : '';
  const tile = t.tile === undefined ? '' : ` --tile ${t.tile} --tile-size ${t.tileSize}`;
  const targetFlags = `--target ${relative(process.cwd(), resolve(p.configDir, t.file))}${tile}${environment}`;
  writeFileAtomic(
    join(p.reportDir, 'report.md'),
    reportMarkdown(config.name, relative(process.cwd(), p.out), targetFlags, report.metrics),
  );
  return {
    loss: report.metrics.sparse.loss,
    denseLoss: report.metrics.dense.loss,
    typeShares: report.metrics.sparse.typeShares,
  };
}
