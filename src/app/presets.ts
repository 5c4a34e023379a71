/**
 * Every genome under presets/, bundled as text by vite (loaded on demand), and the default. Training
 * configs (presets/train/) are not genomes and stay out of the picker.
 */

/** The preset the app opens on. One constant: change it here when a trained preset takes over. */
export const DEFAULT_PRESET = 'ladybeetle/ladybeetle';

const modules = import.meta.glob(['../../presets/**/*.json', '!../../presets/train/**'], {
  query: '?raw',
  import: 'default',
}) as Record<string, () => Promise<string>>;

/** "butterfly/butterfly.genome.json" -> "butterfly/butterfly": the key that the URL and picker use. */
function keyOf(path: string): string {
  return path.replace('../../presets/', '').replace(/(\.genome)?\.json$/, '');
}

const loaders = new Map<string, { path: string; load: () => Promise<string> }>();
for (const [path, load] of Object.entries(modules)) {
  if (/report|config/i.test(path)) continue; // training outputs beside a genome are not genomes
  loaders.set(keyOf(path), { path: path.replace('../../', ''), load });
}

export function presetKeys(): string[] {
  return [...loaders.keys()].sort();
}

/** The preset's text and its file name (for error messages); throws naming the key if there is none. */
export async function loadPreset(key: string): Promise<{ text: string; fileName: string }> {
  const entry = loaders.get(key);
  if (!entry)
    throw new Error(`preset ${JSON.stringify(key)}: no such preset; expected one of ${presetKeys().join(', ')}`);
  return { text: await entry.load(), fileName: entry.path };
}
