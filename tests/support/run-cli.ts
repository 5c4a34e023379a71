/** Runs one of the CLIs (src/cli/NAME.ts) as a user does: a separate process with pipes, not a terminal. */
import { execFile } from 'node:child_process';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
export const TSX = join(ROOT, 'node_modules/.bin/tsx');

export interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(name: string, ...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile(TSX, [`src/cli/${name}.ts`, ...args], { cwd: ROOT }, (error, stdout, stderr) => {
      done({ code: error ? Number(error.code) : 0, stdout, stderr });
    });
  });
}

/**
 * Flags from named values, spelt as a user types them: { steps: 40, topK: 2, vary: ['a', 'b'] } ->
 * --steps 40 --top-k 2 --vary a --vary b (an array repeats the flag).
 */
export function flags(values: Record<string, string | number | readonly (string | number)[]>): string[] {
  return Object.entries(values).flatMap(([name, value]) => {
    const flag = `--${name.replace(/[A-Z]/g, (letter) => `-${letter.toLowerCase()}`)}`;
    return (typeof value === 'object' ? value : [value]).flatMap((v) => [flag, String(v)]);
  });
}
