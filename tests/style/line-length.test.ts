/**
 * Every source line is at most 120 characters. The formatter (biome.jsonc) lays code out within that width
 * but leaves strings, comments, template literals and the GLSL kernels as written: this test holds them to it.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, it } from 'vitest';

const MAX_LINE = 120;
const ROOT = join(import.meta.dirname, '..', '..');
const SOURCE = /\.(ts|mjs|js|glsl|vert|frag|css|html)$/;
/** Data the tests read (trained models, images), not source. */
const NOT_SOURCE = [join('tests', 'fixtures')];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return NOT_SOURCE.includes(path) ? [] : sourceFiles(path);
    return SOURCE.test(entry.name) ? [path] : [];
  });
}

it(`keeps every line of src, tests, kernels and vite.config.ts within ${MAX_LINE} characters`, () => {
  const files = [...sourceFiles('src'), ...sourceFiles('tests'), ...sourceFiles('kernels'), 'vite.config.ts'];
  expect(files.length).toBeGreaterThan(100);
  const long = files.flatMap((file) =>
    readFileSync(join(ROOT, file), 'utf8')
      .split('\n')
      .flatMap((line, i) => (line.length > MAX_LINE ? [`${file}:${i + 1} (${line.length})`] : [])),
  );
  expect(long, `lines longer than ${MAX_LINE} characters`).toEqual([]);
});
