/**
 * Checkpoints: everything a run needs to continue exactly where it stopped, in one binary file.
 * Layout: "EPICKPT1", uint32 header length, the header as UTF-8 JSON (config, iteration, RNG state, Adam
 * step, history, array lengths), zero padding to a multiple of 4, then float32 arrays: the weights, Adam's
 * m and v, the pool's states and marks, and with a weight average (training.averageFrom) its weights.
 * Little-endian.
 */
import type { HistoryEntry, TrainerState } from './loop.ts';

const MAGIC = 'EPICKPT1';

interface Header {
  format: typeof MAGIC;
  config: unknown;
  iteration: number;
  rng: number;
  adamStep: number;
  history: HistoryEntry[];
  weights: number[];
  /** Snapshots in the weight average; absent: none (and no arrays for it). */
  averageCount?: number;
  pool: {
    size: number;
    width: number;
    height: number;
    channels: number;
    experts: number;
    bodyCount?: number;
    bodies?: number[];
  };
  backend: string;
  date: string;
}

export interface Checkpoint {
  /** The config as the run resolved it (its JSON form). */
  config: unknown;
  state: TrainerState;
  backend: string;
}

/** `config`: any JSON the resumed run needs to rebuild its config (the CLI keeps the config and its folder). */
export function encodeCheckpoint(config: unknown, state: TrainerState, backend: string): Uint8Array {
  const { pool } = state;
  const header: Header = {
    format: MAGIC,
    config,
    iteration: state.iteration,
    rng: state.rng,
    adamStep: state.adam.step,
    history: state.history,
    weights: state.weights.map((w) => w.length),
    ...(state.average ? { averageCount: state.average.count } : {}),
    pool: {
      size: pool.size,
      width: pool.width,
      height: pool.height,
      channels: pool.channels,
      experts: pool.experts,
      ...(pool.bodyCount > 1 ? { bodyCount: pool.bodyCount, bodies: [...pool.bodies] } : {}),
    },
    backend,
    date: new Date().toISOString(),
  };
  const json = new TextEncoder().encode(JSON.stringify(header));
  const headerEnd = Math.ceil((12 + json.length) / 4) * 4;
  const arrays = [...state.weights, ...state.adam.m, ...state.adam.v, pool.state, pool.marks];
  if (state.average) arrays.push(...state.average.weights);
  const floats = arrays.reduce((n, a) => n + a.length, 0);
  const bytes = new Uint8Array(headerEnd + floats * 4);
  bytes.set(new TextEncoder().encode(MAGIC), 0);
  new DataView(bytes.buffer).setUint32(8, json.length, true);
  bytes.set(json, 12);
  const body = new Float32Array(bytes.buffer, headerEnd, floats);
  let offset = 0;
  for (const a of arrays) {
    body.set(a, offset);
    offset += a.length;
  }
  return bytes;
}

/** Throws naming `file` when the bytes are not a checkpoint of this format. */
export function decodeCheckpoint(bytes: Uint8Array, file: string): Checkpoint {
  const fail = (problem: string): never => {
    throw new Error(`${file}: not a training checkpoint: ${problem}`);
  };
  if (bytes.length < 12 || new TextDecoder().decode(bytes.subarray(0, 8)) !== MAGIC)
    fail(`expected the "${MAGIC}" signature`);
  const length = new DataView(bytes.buffer, bytes.byteOffset).getUint32(8, true);
  if (12 + length > bytes.length) fail('the header is cut short');
  let header: Header;
  try {
    header = JSON.parse(new TextDecoder().decode(bytes.subarray(12, 12 + length)));
  } catch (error) {
    return fail(`the header does not parse: ${(error as Error).message}`);
  }
  const headerEnd = Math.ceil((12 + length) / 4) * 4;
  const p = header.pool;
  const cells = p.size * p.width * p.height;
  const averaged = (header.averageCount ?? 0) > 0;
  const sizes = [...header.weights, ...header.weights, ...header.weights, cells * p.channels, cells * p.experts];
  if (averaged) sizes.push(...header.weights);
  const floats = sizes.reduce((n, s) => n + s, 0);
  if (bytes.length !== headerEnd + floats * 4)
    fail(`expected ${headerEnd + floats * 4} bytes for its arrays, got ${bytes.length}`);
  // A copy of its own: a Node Buffer's slice() shares (and its .buffer spans) a whole pool.
  const copy = new Uint8Array(bytes.length - headerEnd);
  copy.set(bytes.subarray(headerEnd));
  let offset = 0;
  const take = (n: number) => {
    const a = new Float32Array(copy.buffer, offset * 4, n).slice();
    offset += n;
    return a;
  };
  const weights = header.weights.map(take);
  const m = header.weights.map(take);
  const v = header.weights.map(take);
  const state = take(cells * p.channels);
  const marks = take(cells * p.experts);
  const average = averaged ? { weights: header.weights.map(take), count: header.averageCount! } : undefined;
  return {
    config: header.config,
    backend: header.backend,
    state: {
      iteration: header.iteration,
      weights,
      adam: { step: header.adamStep, m, v },
      pool: {
        size: p.size,
        width: p.width,
        height: p.height,
        channels: p.channels,
        experts: p.experts,
        state,
        marks,
        bodyCount: p.bodyCount ?? 1,
        bodies: p.bodies ? Uint8Array.from(p.bodies) : new Uint8Array(p.size),
      },
      rng: header.rng,
      history: header.history,
      ...(average ? { average } : {}),
    },
  };
}
