/**
 * The whole setup in the URL hash, so a link reproduces it: preset (or a local file, packed in the link when
 * it fits), seed, grid size, every parameter that differs from the genome's defaults, global knockouts, the
 * environment signal, render mode and camera. Decoding checks each field with a zod schema built from the
 * declarations (the parameters' ranges, LIMITS, the seed's range) and reports problems in words instead of
 * throwing, so a bad link still opens the app on the fields that were good.
 */
import { z } from 'zod';
import { LIMITS } from '../model/genome.ts';
import { SEED_MAX } from '../model/hash.ts';
import { parameterSchema } from '../model/parameter-schema.ts';
import { PARAMETER_NAMES, type ParameterName } from '../model/params.ts';
import { int, num, text } from '../model/schema-helpers.ts';
import type { Camera } from '../view/camera.ts';
import { isRenderMode, type RenderMode, type ViewSettings } from '../view/render-modes.ts';

export interface Setup {
  preset?: string;
  seed?: number;
  width?: number;
  height?: number;
  params: Partial<Record<ParameterName, number>>;
  knockouts?: number[];
  /** The environment signal, for a genome that reads one. */
  environment?: number;
  view?: ViewSettings;
  camera?: Camera;
  /** The brush calls since the grid last started over, packed (strokes-in-link.ts): replayed on opening. */
  strokes?: string;
  /** The step the link was taken at: opening grows the grid to it (with the strokes on the way). */
  at?: number;
  /** The name of the local genome file the link was taken with (instead of a preset). */
  file?: string;
  /** That file, packed (genome-in-link.ts); absent when it was too large to travel in the link. */
  genome?: string;
}

export function encodeSetup(setup: Setup): string {
  const q = new URLSearchParams();
  if (setup.preset) q.set('preset', setup.preset);
  if (setup.seed !== undefined) q.set('seed', String(setup.seed));
  if (setup.width !== undefined && setup.height !== undefined) q.set('size', `${setup.width}x${setup.height}`);
  for (const name of PARAMETER_NAMES) {
    const value = setup.params[name];
    // Slider arithmetic leaves float noise (0.49999999999999994): 6 significant digits are plenty.
    if (value !== undefined) q.set(name, String(Number(value.toPrecision(6))));
  }
  if (setup.knockouts?.length) q.set('knockouts', setup.knockouts.join(','));
  if (setup.environment !== undefined) q.set('environment', String(+setup.environment.toFixed(4)));
  if (setup.view) q.set('view', `${setup.view.mode}:${setup.view.index}`);
  if (setup.camera)
    q.set(
      'camera',
      [setup.camera.centerX, setup.camera.centerY, setup.camera.zoom].map((v) => +v.toFixed(3)).join(','),
    );
  if (setup.at !== undefined) q.set('at', String(setup.at));
  // Last, so that the readable fields come first in a long link.
  if (setup.strokes !== undefined) q.set('strokes', setup.strokes);
  if (setup.file !== undefined) q.set('file', setup.file);
  if (setup.genome !== undefined) q.set('genome', setup.genome);
  return `#${q.toString()}`;
}

/** Digits only, as a number; anything else (a sign, a point, spaces, nothing) is NaN. */
const integerText = (text: string) => (/^\d+$/.test(text) ? Number(text) : NaN);
/** A number as written; blank is NaN rather than Number's 0. */
const numberText = (text: string) => (text.trim() === '' ? NaN : Number(text));

/**
 * A field of the hash: its text parsed by `parse`, then checked by `schema`. A problem reads "expected ...,
 * got <the text as written>", what was expected in `expected`'s words or else in the schema's own.
 */
function urlField<T>(schema: z.ZodType<T>, parse: (text: string) => unknown, expected?: string) {
  return z.string().transform((text, ctx) => {
    const parsed = schema.safeParse(parse(text));
    if (parsed.success) return parsed.data;
    const wanted = expected ? `expected ${expected}` : parsed.error.issues[0].message.replace(/, got .*$/s, '');
    ctx.addIssue({ code: 'custom', message: `${wanted}, got ${JSON.stringify(text)}` });
    return z.NEVER;
  });
}

/** WIDTHxHEIGHT as [width, height]; null when it is not of that form. */
const sizeText = (text: string) => /^(\d+)x(\d+)$/.exec(text)?.slice(1).map(Number) ?? null;
const side = int(3, LIMITS.maxGridSide);

/** MODE:INDEX (the index may be left out: 0). */
const viewText = (text: string) => {
  const [mode, index] = text.split(':');
  return { mode, index: integerText(index ?? '0') };
};
const view = z.object({
  mode: z.custom<RenderMode>((mode) => typeof mode === 'string' && isRenderMode(mode)),
  index: z.number().int(),
});

const cameraText = (text: string) => {
  const [centerX, centerY, zoom] = text.split(',').map(Number);
  return { centerX, centerY, zoom };
};
const camera = z.object({ centerX: z.number(), centerY: z.number(), zoom: z.number().positive() });

/** A field's value as the part of the setup it sets. */
type Part = z.ZodType<Partial<Setup>, string>;
const part =
  <K extends keyof Setup>(key: K) =>
  (value: Setup[K]): Partial<Setup> => ({ [key]: value });

/**
 * Every field of the hash, in the order its problems are reported. The genome and strokes are checked when
 * they are unpacked (an async step), where a broken one is reported by its field's name.
 */
const FIELDS: Record<string, Part> = {
  preset: text.transform(part('preset')),
  seed: urlField(int(0, SEED_MAX), integerText).transform(part('seed')),
  size: urlField(z.tuple([side, side]), sizeText, `WIDTHxHEIGHT with sides in [3, ${LIMITS.maxGridSide}]`).transform(
    ([width, height]) => ({ width, height }),
  ),
  ...Object.fromEntries(
    PARAMETER_NAMES.map((name): [string, Part] => [
      name,
      urlField(parameterSchema(name), numberText).transform((value) => ({ params: { [name]: value } })),
    ]),
  ),
  knockouts: urlField(
    z.array(int(0, LIMITS.maxExperts - 1)),
    (t) => t.split(',').map(integerText),
    'expert indices separated by commas',
  ).transform(part('knockouts')),
  environment: urlField(num(0, 1), numberText).transform(part('environment')),
  view: urlField(view, viewText, 'MODE:INDEX').transform(part('view')),
  camera: urlField(camera, cameraText, 'X,Y,ZOOM').transform(part('camera')),
  at: urlField(int(0, Number.MAX_SAFE_INTEGER), integerText, 'a step (an integer of at least 0)').transform(part('at')),
  file: text.transform(part('file')),
  genome: text.transform(part('genome')),
  strokes: text.transform(part('strokes')),
};

/** The setup of a hash, from its good fields; every bad one is left out and reported, so a bad link still opens. */
export function decodeSetup(hash: string): { setup: Setup; problems: string[] } {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  const problems: string[] = [];
  const setup: Setup = { params: {} };
  for (const [field, schema] of Object.entries(FIELDS)) {
    const value = q.get(field);
    if (value === null) continue;
    const parsed = schema.safeParse(value);
    if (!parsed.success) {
      problems.push(`URL: field ${field}: ${parsed.error.issues[0].message}`);
      continue;
    }
    const { params, ...rest } = parsed.data;
    Object.assign(setup, rest);
    Object.assign(setup.params, params);
  }
  return { setup, problems };
}
