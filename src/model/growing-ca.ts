/**
 * Importer for the Growing-NCA web-demo model format (distillpub/post--growing-ca, public/webgl_models8):
 * a JSON array of two uint8-quantised dense layers. The result is a K = 1 genome with no gate, which the
 * reference step runs exactly as the demo does (tests/fixtures/growing-ca/README.md states the maths).
 *
 * Pure TypeScript with no Node imports: the app imports dropped files in the browser with it too.
 */
import { base64ToBytes } from './base64.ts';
import { LIMITS, type Dense, type Genome } from './genome.ts';

export const GROWING_CA_ATTRIBUTION =
  'Weights from "Growing Neural Cellular Automata" by Alexander Mordvintsev, Ettore Randazzo, Eyvind Niklasson '
  + 'and Michael Levin, Distill, 2020 (https://distill.pub/2020/growing-ca/, repository distillpub/post--growing-ca). '
  + 'Licensed CC-BY 4.0 (https://creativecommons.org/licenses/by/4.0/).';

/** One layer as the demo stores it. */
interface RawLayer {
  data: Uint8Array;
  inCh: number;
  outCh: number;
  weightScale: number;
  biasScale: number;
}

/** Cheap sniff for format detection (drag-and-drop, CLI import): not a validation. */
export function isGrowingCaModel(json: unknown): boolean {
  return (
    Array.isArray(json)
    && json.length > 0
    && json.every((item) => typeof item === 'object' && item !== null && 'data_b64' in item)
  );
}

/** Validates and converts a parsed Growing-NCA file; every problem throws naming `fileName` and the field. */
export function importGrowingCa(json: unknown, fileName: string): Genome {
  const fail = (field: string | null, problem: string): never => {
    throw new Error(`${fileName}: ${field === null ? '' : `field ${field}: `}${problem}`);
  };
  if (!Array.isArray(json)) fail(null, `expected a JSON array of 2 Growing-NCA layers, got ${describe(json)}`);
  const items = json as unknown[];
  if (items.length !== 2) fail(null, `expected 2 layers (perception -> hidden, hidden -> update), got ${items.length}`);
  const [first, second] = items.map((item, i) => readLayer(item, `[${i}]`, fail));

  // The layers must chain: 3C perception values -> hidden -> C channel updates.
  if (first.inCh % 3 !== 0) {
    fail('[0].in_ch', `expected 3 x channels (identity, sobel_x, sobel_y per channel), got ${first.inCh}`);
  }
  const channels = first.inCh / 3;
  if (second.inCh !== first.outCh) fail('[1].in_ch', `expected ${first.outCh} (= [0].out_ch), got ${second.inCh}`);
  if (second.outCh !== channels) {
    fail('[1].out_ch', `expected ${channels} (= [0].in_ch / 3, the channel count), got ${second.outCh}`);
  }
  if (channels < 4 || channels > LIMITS.maxChannels) {
    fail('[0].in_ch', `expected 3 x channels with channels in [4, ${LIMITS.maxChannels}], got ${first.inCh}`);
  }
  if (first.outCh > LIMITS.maxHidden) fail('[0].out_ch', `expected at most ${LIMITS.maxHidden}, got ${first.outCh}`);

  return {
    architecture: {
      channels,
      perception: ['identity', 'sobel_x', 'sobel_y'],
      expertHidden: [first.outCh],
      gateHidden: null,
      morphogens: 0,
    },
    experts: [{ hidden: dequantise(first), out: dequantise(second) }],
    gate: null,
    regulation: { fireRate: 0.5, topK: 1 },
    metadata: {
      name: baseName(fileName),
      description:
        `Growing-NCA model imported from the Distill web-demo format: ${channels} channels, `
        + `one expert of ${first.outCh} hidden units, no regulation.`,
      provenance: { importedFrom: 'growing-ca', file: fileName },
      attribution: GROWING_CA_ATTRIBUTION,
    },
  };
}

function readLayer(item: unknown, at: string, fail: (field: string, problem: string) => never): RawLayer {
  if (typeof item !== 'object' || item === null || Array.isArray(item)) {
    fail(
      at,
      `expected a layer object {data_b64, in_ch, out_ch, weight_scale, bias_scale, type}, got ${describe(item)}`,
    );
  }
  const layer = item as Record<string, unknown>;
  if (layer.type !== 'uint8') fail(`${at}.type`, `expected "uint8", got ${describe(layer.type)}`);
  const inCh = layer.in_ch;
  const outCh = layer.out_ch;
  for (const [name, value] of [
    ['in_ch', inCh],
    ['out_ch', outCh],
  ] as const) {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < 1) {
      fail(`${at}.${name}`, `expected a positive integer, got ${describe(value)}`);
    }
  }
  for (const name of ['weight_scale', 'bias_scale'] as const) {
    const value = layer[name];
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      fail(`${at}.${name}`, `expected a finite number, got ${describe(value)}`);
    }
  }
  const rows = (inCh as number) + 1;
  const bytes = rows * (outCh as number);
  const expected = `base64 of (${inCh}+1)*${outCh} = ${bytes} bytes`;
  if (typeof layer.data_b64 !== 'string')
    fail(`${at}.data_b64`, `expected ${expected}, got ${describe(layer.data_b64)}`);
  const data = base64ToBytes(layer.data_b64 as string);
  if (data === null) fail(`${at}.data_b64`, `expected ${expected}, got text that is not base64`);
  if (data!.length !== bytes) fail(`${at}.data_b64`, `expected ${expected}, got ${data!.length}`);
  return {
    data: data!,
    inCh: inCh as number,
    outCh: outCh as number,
    weightScale: layer.weight_scale as number,
    biasScale: layer.bias_scale as number,
  };
}

/**
 * Rows are input channels then one bias row, columns are outputs: the same input-major layout as Dense.w,
 * so the weight rows copy across in order. A byte b stands for (b / 255 - 0.5) * scale.
 */
function dequantise(layer: RawLayer): Dense {
  const { data, inCh, outCh, weightScale, biasScale } = layer;
  const w = new Float32Array(inCh * outCh);
  for (let i = 0; i < w.length; i++) w[i] = (data[i] / 255 - 0.5) * weightScale;
  const b = new Float32Array(outCh);
  for (let o = 0; o < outCh; o++) b[o] = (data[inCh * outCh + o] / 255 - 0.5) * biasScale;
  return { inputs: inCh, outputs: outCh, w, b };
}

/** "models/lizard-regenerating.json" -> "lizard-regenerating". */
function baseName(fileName: string): string {
  const last = fileName.split(/[\\/]/).pop() ?? fileName;
  return last.replace(/\.json$/i, '') || fileName;
}

function describe(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'number') return String(value);
  if (Array.isArray(value)) return 'an array';
  return value === null ? 'null' : typeof value;
}
