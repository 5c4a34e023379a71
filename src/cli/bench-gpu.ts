/**
 * `npm run bench -- [--json FILE] [--quick]`: the GPU engine's speed in headless Chromium (Debian's, or
 * EPIGENESIS_BROWSER). Serves src/bench with vite, runs every case in the page and prints JSON. Measures
 * and reports; it never fails on a number.
 */
import { Command } from 'commander';
import { chromium } from 'playwright';
import { createServer } from 'vite';
import { writeFileAtomic } from './atomic.ts';
import { browserArgs, browserPath } from './browser.ts';
import { integerOption } from './flags.ts';

const options = new Command('bench')
  .description('GPU benchmark: steps/s, cell-updates/s and efficiency against a peak multiply-add shader.')
  .option('--json <file>', 'also write the JSON report here')
  .option('--quick', 'sizes 96 and 256 only, one second a case')
  .option('--smoke', 'tiny grids, three steps a case: checks the benchmark runs, measures nothing useful')
  .addOption(integerOption('--seconds <int>', 'minimum timed seconds per case', 3, 1, 600))
  .exitOverride((error) => process.exit(error.exitCode === 0 ? 0 : 2))
  .parse()
  .opts<{ json?: string; quick?: boolean; smoke?: boolean; seconds: number }>();

const server = await createServer({ server: { port: 0, host: '127.0.0.1' }, logLevel: 'silent' });
await server.listen();
const address = server.httpServer!.address();
const port = typeof address === 'object' && address ? address.port : 0;
const browser = await chromium.launch({ executablePath: browserPath, args: browserArgs, headless: true });
try {
  const page = await browser.newPage();
  await page.goto(`http://127.0.0.1:${port}/src/bench/index.html`);
  await page.waitForFunction(() => typeof window.runEpigenesisBenchmark === 'function');
  const benchOptions = options.smoke
    ? { sizes: [32, 64], sparseSize: 64, minimumSeconds: 0 }
    : options.quick
      ? { sizes: [96, 256], sparseSize: 256, minimumSeconds: 1 }
      : { sizes: [96, 256, 512, 1024], sparseSize: 256, minimumSeconds: options.seconds };
  const report = await page.evaluate((o) => window.runEpigenesisBenchmark(o), benchOptions);
  const text = JSON.stringify({ benchmark: 'gpu-engine', browser: browserPath, ...report }, null, 2);
  console.log(text);
  if (options.json) writeFileAtomic(options.json, `${text}\n`);
} finally {
  await browser.close();
  await server.close();
}
