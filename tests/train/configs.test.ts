/**
 * Every shipped training config parses, names images that exist, and has its genome's architecture, so that
 * a preset README's "to continue: --config C --from GENOME" runs.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseGenome } from '../../src/model/genome-file.ts';
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

  it.each(files)('%s has the architecture of the genome it writes', (file) => {
    const config = parseTrainConfig(JSON.parse(readFileSync(join(DIR, file), 'utf8')), file);
    const out = resolve(DIR, config.out);
    const { architecture } = parseGenome(readFileSync(out, 'utf8'), out);
    expect(architecture).toEqual({
      channels: config.architecture.channels,
      perception: config.architecture.perception,
      expertHidden: config.architecture.experts,
      gateHidden: config.architecture.gate,
      morphogens: config.architecture.morphogens.length,
    });
  });
});
