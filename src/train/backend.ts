/**
 * The tfjs backend of a training run, chosen once at start: tfjs-node when it can be imported (it cannot
 * install on every machine: its install downloads a binary), else the WebAssembly backend (SIMD, one
 * thread; its .wasm files are read from node_modules, never fetched), else the plain JavaScript cpu one.
 */
import * as tf from '@tensorflow/tfjs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';

export const BACKENDS = ['auto', 'tensorflow', 'wasm', 'cpu'] as const;
export type BackendChoice = (typeof BACKENDS)[number];

export { tf };

let tfjsNodeTried = false;

async function tryTfjsNode(): Promise<boolean> {
  if (!tfjsNodeTried) {
    tfjsNodeTried = true;
    try {
      // A variable specifier: neither TypeScript nor a bundler insists the optional package exists.
      const name = '@tensorflow/tfjs-node';
      await import(name);
    } catch {
      return false;
    }
  }
  return tf.findBackend('tensorflow') !== null || tf.engine().registryFactory.tensorflow !== undefined;
}

async function useWasm(): Promise<boolean> {
  try {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    const require = createRequire(import.meta.url);
    const folder = dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
    wasm.setWasmPaths(`${folder}/`);
    return await tf.setBackend('wasm');
  } catch {
    return false;
  }
}

/** Selects and initialises a backend; returns its name. 'auto' tries tensorflow, wasm, cpu in that order. */
export async function initBackend(choice: BackendChoice = 'auto'): Promise<string> {
  if (choice === 'auto' || choice === 'tensorflow') {
    if ((await tryTfjsNode()) && (await tf.setBackend('tensorflow'))) return finish();
    if (choice === 'tensorflow')
      throw new Error(
        '--backend tensorflow: @tensorflow/tfjs-node cannot be imported here (install it, or use wasm or cpu)',
      );
  }
  if (choice === 'auto' || choice === 'wasm') {
    if (await useWasm()) return finish();
    if (choice === 'wasm') throw new Error('--backend wasm: the WebAssembly backend failed to initialise');
  }
  await tf.setBackend('cpu');
  return finish();
}

async function finish(): Promise<string> {
  // PROD: no debug checks and no console banner (the cpu backend's "install tfjs-node" notice).
  tf.env().set('PROD', true);
  await tf.ready();
  return tf.getBackend();
}
