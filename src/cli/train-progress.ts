/** The progress `npm run train` shows: a bar on a terminal, plain lines elsewhere, nothing with --quiet. */
import { Presets, SingleBar } from 'cli-progress';
import type { HistoryEntry } from '../train/loop.ts';

export interface Progress {
  update(entry: HistoryEntry, secondsPerIteration: number): void;
  stop(): void;
}

function formatDuration(seconds: number): string {
  if (!Number.isFinite(seconds)) return '-';
  const h = Math.floor(seconds / 3600),
    m = Math.floor((seconds % 3600) / 60),
    s = Math.round(seconds % 60);
  return h > 0 ? `${h}h${String(m).padStart(2, '0')}m` : m > 0 ? `${m}m${String(s).padStart(2, '0')}s` : `${s}s`;
}

/** With several bodies, each body's loss in this batch ('-' for a body it did not draw). */
function bodiesPart(entry: HistoryEntry): string {
  if (!entry.rgbaByBody) return '';
  return `; bodies ${entry.rgbaByBody.map((v) => (v === null ? '-' : v.toExponential(2))).join(' / ')}`;
}

/** The line a person reads: iteration, loss, seconds an iteration, time left at that pace. */
function progressLine(entry: HistoryEntry, total: number, secondsPerIteration: number): string {
  return (
    `it ${entry.iteration}/${total} | loss ${entry.loss.toExponential(3)}`
    + ` (rgba ${entry.rgba.toExponential(3)}${bodiesPart(entry)})`
    + ` | lr ${entry.lr.toExponential(1)} | ${secondsPerIteration.toFixed(2)} s/it`
    + ` | eta ${formatDuration((total - entry.iteration) * secondsPerIteration)}`
    + ` | elapsed ${formatDuration(entry.elapsed)}`
  );
}

/**
 * A bar redrawn in place on a terminal; elsewhere (a log file, CI) one plain line every `every` iterations.
 * Nothing with --quiet.
 */
export function startProgress(total: number, done: number, quiet: boolean, every: number): Progress | null {
  if (quiet) return null;
  if (!process.stderr.isTTY) {
    return {
      update: (e, spi) => {
        if (e.iteration % every === 0 || e.iteration === total)
          process.stderr.write(`train: ${progressLine(e, total, spi)}\n`);
      },
      stop: () => {},
    };
  }
  const bar = new SingleBar(
    { stream: process.stderr, format: 'train |{bar}| {line}', hideCursor: true },
    Presets.shades_classic,
  );
  bar.start(total, done, { line: `it ${done}/${total}` });
  return { update: (e, spi) => bar.update(e.iteration, { line: progressLine(e, total, spi) }), stop: () => bar.stop() };
}
