/**
 * Atomic file writes: the data goes to a temp file in the same folder, then a rename replaces the target,
 * so a crash or a concurrent reader (a plot watching metrics.json) never sees half a file. The same folder
 * matters: rename is only atomic within one file system.
 */
import { renameSync, unlinkSync, writeFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${Date.now()}.tmp`);
  try {
    writeFileSync(temp, data);
    renameSync(temp, path);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {
      /* the temp file may never have been created */
    }
    throw new Error(`${path}: cannot write: ${(error as Error).message}`);
  }
}
