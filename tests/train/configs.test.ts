/** Every shipped training config parses, and names images that exist. */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseTrainConfig } from '../../src/train/config.ts';

const DIR = 'presets/train';
const files = readdirSync(DIR).filter((f) => f.endsWith('.json'));

describe('presets/train', () => {
  it.each(files)('%s is a valid config whose images exist', (file) => {
    const config = parseTrainConfig(JSON.parse(readFileSync(join(DIR, file), 'utf8')), file);
    const images = [config.target, config.tissue, ...(config.bodies ?? []).map((b) => b.target)].filter(
      (i) => i !== undefined,
    );
    expect(images.length).toBeGreaterThan(0);
    for (const image of images) expect(existsSync(resolve(DIR, image.file)), image.file).toBe(true);
  });
});
