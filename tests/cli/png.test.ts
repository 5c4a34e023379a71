import { mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { readPng, writePngAtomic } from '../../src/cli/png.ts';

const dir = mkdtempSync(join(tmpdir(), 'epigenesis-png-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('png', () => {
  it('reads the Growing-NCA emoji sheet as 400x40 RGBA', () => {
    const sheet = readPng(fileURLToPath(new URL('../fixtures/growing-ca/emoji-targets.png', import.meta.url)));
    expect([sheet.width, sheet.height, sheet.data.length]).toEqual([400, 40, 400 * 40 * 4]);
    expect(sheet.data.some((v, i) => i % 4 === 3 && v === 255)).toBe(true);
  });

  it('writes atomically and reads back the same pixels, leaving no temp file', () => {
    const rgba = Uint8Array.from({ length: 3 * 2 * 4 }, (_, i) => (i * 37) % 256);
    const path = join(dir, 'round-trip.png');
    writePngAtomic(path, 3, 2, rgba);
    const back = readPng(path);
    expect([back.width, back.height]).toEqual([3, 2]);
    expect(Array.from(back.data)).toEqual(Array.from(rgba));
    expect(readdirSync(dir)).toEqual(['round-trip.png']);
  });

  it('names the file when it is missing, not a PNG, or the pixels do not fit', () => {
    const missing = join(dir, 'missing.png');
    expect(() => readPng(missing)).toThrow(`${missing}: unreadable`);
    const text = join(dir, 'text.png');
    writeFileSync(text, 'hello');
    expect(() => readPng(text)).toThrow(`${text}: not a PNG`);
    expect(() => writePngAtomic(join(dir, 'x.png'), 2, 2, new Uint8Array(15))).toThrow(
      'x.png: expected 2x2x4 = 16 RGBA bytes, got 15',
    );
  });
});
