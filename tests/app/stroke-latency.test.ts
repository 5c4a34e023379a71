/**
 * What a brush stroke costs while the organism grows (issue 11: a 13-event erase stroke took 3-4 s). Real
 * mouse events through Chromium's input pipeline; the figures are printed as one JSON line per run, never
 * asserted (SwiftShader's timings vary 2x between runs and with the machine's load). The assertions are
 * functional: the stroke erased the cells under it, and undo brings them back.
 */
import type { Page } from 'playwright';
import { expect, it } from 'vitest';
import { useApp } from '../support/app-server.ts';
import { metric, openPage, pause, stepOnce, waitForStep } from './page-helpers.ts';

const app = useApp();

const MOVES = 12;

interface PageTrace {
  handlerMs: number[];
  firstEvent: number;
  lastEvent: number;
  frames: number[];
}

/** Records, in the page, how long its own handlers took per pointer event and when frames began. */
async function watchPage(page: Page): Promise<void> {
  await page.evaluate(() => {
    const trace: PageTrace = { handlerMs: [], firstEvent: 0, lastEvent: 0, frames: [] };
    (window as unknown as { strokeTrace: PageTrace }).strokeTrace = trace;
    let start = 0;
    for (const type of ['pointerdown', 'pointermove', 'pointerup']) {
      // Capture on window runs before the canvas's listener, bubbling on window after it (and its microtasks).
      window.addEventListener(
        type,
        () => {
          start = performance.now();
          if (type === 'pointerdown') trace.firstEvent = start;
        },
        true,
      );
      window.addEventListener(type, () => {
        trace.handlerMs.push(performance.now() - start);
        trace.lastEvent = performance.now();
      });
    }
    const frame = (now: number) => {
      trace.frames.push(now);
      requestAnimationFrame(frame);
    };
    requestAnimationFrame(frame);
  });
}

/**
 * Drags the erase brush across the middle of the canvas, one awaited mouse event at a time, as a user's mouse
 * would.
 */
async function timedStroke(page: Page) {
  const box = (await page.locator('#view').boundingBox())!;
  const [cx, cy] = [box.x + box.width / 2, box.y + box.height / 2];
  await page.mouse.move(cx - 120, cy);
  await watchPage(page);
  const t0 = performance.now();
  await page.mouse.down();
  for (let i = 1; i <= MOVES; i++) await page.mouse.move(cx - 120 + (240 * i) / MOVES, cy);
  await page.mouse.up();
  const strokeMs = performance.now() - t0;
  const trace = await page.evaluate(() => (window as unknown as { strokeTrace: PageTrace }).strokeTrace);
  // The frames that began between the first event's handling and the last's: what the stroke spanned.
  const frames = trace.frames.filter((t) => t >= trace.firstEvent && t <= trace.lastEvent);
  const round = (v: number) => Math.round(v * 10) / 10;
  const events = MOVES + 2;
  const moves = trace.handlerMs.slice(1, -1);
  return {
    events,
    strokeMs: round(strokeMs),
    perEventMs: round(strokeMs / events),
    /** The app's own handlers: the stroke's first event (its undo point), then the moves. */
    downHandlerMs: round(trace.handlerMs[0]),
    moveHandlerMeanMs: round(moves.reduce((a, b) => a + b, 0) / Math.max(1, moves.length)),
    moveHandlerMaxMs: round(Math.max(0, ...moves)),
    framesSpanned: frames.length,
    meanFrameMs: round((frames.at(-1)! - frames[0]) / Math.max(1, frames.length - 1)),
    framesPerEvent: round(frames.length / events),
  };
}

/** The inspector's title for the cell under the canvas's centre (it reads at most ten times a second). */
async function centreCell(page: Page): Promise<string> {
  const box = (await page.locator('#view').boundingBox())!;
  await page.waitForTimeout(150);
  await page.mouse.move(box.x + box.width / 2 + 1, box.y + box.height / 2 + 1);
  await expect.poll(() => page.textContent('[data-testid=inspector-title]')).toMatch(/^cell \(48, 48\)/);
  return (await page.textContent('[data-testid=inspector-title]'))!;
}

it('erases along a mouse drag while it grows, reports what the stroke cost, and undoes it', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  await openPage(page, `${app.url}#size=96x96&seed=2`);
  await waitForStep(page, 40);
  await page.click('[data-testid=tool-erase]');
  await page.locator('[data-testid=brush-size]').fill('8');

  // Paused: the stroke's own cost, and an exact check that it erased and that undo restores.
  await pause(page);
  await stepOnce(page);
  const grown = await metric(page, 'alive');
  expect(await centreCell(page)).toMatch(/: (expert \d+|silent)$/);
  const paused = await timedStroke(page);
  await expect.poll(() => metric(page, 'alive')).toBeLessThan(grown * 0.8);
  expect(await centreCell(page)).toBe('cell (48, 48): empty'); // the stroke ran through the centre
  await page.click('[data-testid=undo]');
  await expect.poll(() => metric(page, 'alive')).toBe(grown);
  expect(await centreCell(page)).toMatch(/: (expert \d+|silent)$/);

  // Running, as a user paints: the stroke shares its frames with the steps.
  await page.click('[data-testid=play]');
  await waitForStep(page, (await metric(page, 'step')) + 5);
  const stepsPerSecond = await metric(page, 'rate');
  const beforeRunning = await metric(page, 'alive');
  const running = await timedStroke(page);
  // No check on the cells here: the organism regrows while the stroke lasts (the paused stroke checks).
  const aliveAfter = await metric(page, 'alive');

  const stepsPerSecondRounded = Math.round(stepsPerSecond * 10) / 10;
  const runningReport = { ...running, stepsPerSecond: stepsPerSecondRounded, alive: [beforeRunning, aliveAfter] };
  console.log(`stroke-latency ${JSON.stringify({ paused, running: runningReport })}`);
});
