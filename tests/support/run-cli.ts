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
