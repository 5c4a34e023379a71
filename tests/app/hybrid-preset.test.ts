/**
 * The hybrid preset as a user meets it: one genome that grows the beetle with the environment signal at 0 and
 * the butterfly at 1, each body from its own experts (0-3 and 4-7), the others dormant: the type of under 1%
 * of the body's cells (the report's line; a few beetle cells whose state the butterfly's gate reads as its
 * own pass the margin).
 */
import { expect, it } from 'vitest';
import { useApp } from '../support/app-server.ts';
import { census, metric, openPage, setParam, waitForStep } from './page-helpers.ts';

const app = useApp();

const sum = (counts: number[]) => counts.reduce((a, b) => a + b, 0);

it('grows the beetle from experts 0-3 at signal 0 and, reset at signal 1, the butterfly from experts 4-7', async () => {
  const page = await app.browser.newPage({ viewport: { width: 1000, height: 700 } });
  const errors = await openPage(page, `${app.url}#preset=hybrid/hybrid&size=56x56&seed=1`);
  await waitForStep(page, 60);
  const beetle = await census(page);
  expect(beetle).toHaveLength(8);
  expect(sum(beetle.slice(0, 4))).toBeGreaterThan(300);
  expect(sum(beetle.slice(4))).toBeLessThan(0.01 * sum(beetle));

  await setParam(page, 'signal', 1);
  await page.click('[data-testid=reset]');
  await expect.poll(() => metric(page, 'step')).toBeLessThan(60);
  await waitForStep(page, 60);
  const butterfly = await census(page);
  expect(sum(butterfly.slice(4))).toBeGreaterThan(300);
  expect(sum(butterfly.slice(0, 4))).toBeLessThan(0.01 * sum(butterfly));
  expect(errors).toEqual([]);
});
