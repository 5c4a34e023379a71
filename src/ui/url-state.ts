/**
 * The whole setup in the URL hash, so a link reproduces it: preset (or a local file, packed in the link when
 * it fits), seed, grid size, every parameter that differs from the genome's defaults, global knockouts, the
 * environment signal, render mode and camera. Decoding validates every field against its declaration
 * (parameterProblem) and reports problems in words instead of throwing, so a bad link still opens the app
 * on the fields that were good.
 */
import { PARAMETER_NAMES, parameterProblem, type ParameterName } from '../model/params.ts';
import type { Camera } from '../view/camera.ts';
import { isRenderMode, type ViewSettings } from '../view/render-modes.ts';
import { SEED_MAX } from '../model/hash.ts';
import { LIMITS } from '../model/genome.ts';

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
  if (setup.camera) q.set('camera', [setup.camera.centerX, setup.camera.centerY, setup.camera.zoom].map((v) => +v.toFixed(3)).join(','));
  if (setup.at !== undefined) q.set('at', String(setup.at));
  // Last, so that the readable fields come first in a long link.
  if (setup.strokes !== undefined) q.set('strokes', setup.strokes);
  if (setup.file !== undefined) q.set('file', setup.file);
  if (setup.genome !== undefined) q.set('genome', setup.genome);
  return `#${q.toString()}`;
}

const integer = (text: string | null) => (text !== null && /^\d+$/.test(text) ? Number(text) : NaN);

export function decodeSetup(hash: string): { setup: Setup; problems: string[] } {
  const q = new URLSearchParams(hash.replace(/^#/, ''));
  const problems: string[] = [];
  const setup: Setup = { params: {} };
  const problem = (field: string, message: string) => problems.push(`URL: field ${field}: ${message}`);
  if (q.has('preset')) setup.preset = q.get('preset')!;
  if (q.has('seed')) {
    const seed = integer(q.get('seed'));
    if (Number.isInteger(seed) && seed <= SEED_MAX) setup.seed = seed;
    else problem('seed', `expected an integer in [0, ${SEED_MAX}], got ${JSON.stringify(q.get('seed'))}`);
  }
  if (q.has('size')) {
    const match = /^(\d+)x(\d+)$/.exec(q.get('size')!);
    const [w, h] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
    if (w >= 3 && h >= 3 && w <= LIMITS.maxGridSide && h <= LIMITS.maxGridSide) Object.assign(setup, { width: w, height: h });
    else problem('size', `expected WIDTHxHEIGHT with sides in [3, ${LIMITS.maxGridSide}], got ${JSON.stringify(q.get('size'))}`);
  }
  for (const name of PARAMETER_NAMES) {
    if (!q.has(name)) continue;
    const text = q.get(name)!;
    const value = text.trim() === '' ? NaN : Number(text);
    const why = parameterProblem(name, value);
    if (why) problem(name, why.replace(/got .*$/, `got ${JSON.stringify(text)}`));
    else setup.params[name] = value;
  }
  if (q.has('knockouts')) {
    const list = q.get('knockouts')!.split(',').map(integer);
    if (list.every((k) => Number.isInteger(k) && k < LIMITS.maxExperts)) setup.knockouts = list;
    else problem('knockouts', `expected expert indices separated by commas, got ${JSON.stringify(q.get('knockouts'))}`);
  }
  if (q.has('environment')) {
    const text = q.get('environment')!;
    const value = text.trim() === '' ? NaN : Number(text);
    if (value >= 0 && value <= 1) setup.environment = value;
    else problem('environment', `expected a number in [0, 1], got ${JSON.stringify(text)}`);
  }
  if (q.has('view')) {
    const [mode, index] = q.get('view')!.split(':');
    const i = integer(index ?? '0');
    if (isRenderMode(mode) && Number.isInteger(i)) setup.view = { mode, index: i };
    else problem('view', `expected MODE:INDEX, got ${JSON.stringify(q.get('view'))}`);
  }
  if (q.has('camera')) {
    const [centerX, centerY, zoom] = q.get('camera')!.split(',').map(Number);
    if ([centerX, centerY, zoom].every(Number.isFinite) && zoom > 0) setup.camera = { centerX, centerY, zoom };
    else problem('camera', `expected X,Y,ZOOM, got ${JSON.stringify(q.get('camera'))}`);
  }
  if (q.has('at')) {
    const at = integer(q.get('at'));
    if (Number.isInteger(at)) setup.at = at;
    else problem('at', `expected a step (an integer of at least 0), got ${JSON.stringify(q.get('at'))}`);
  }
  if (q.has('file')) setup.file = q.get('file')!;
  // Checked when they are unpacked (an async step), where a broken one is reported by this field's name.
  if (q.has('genome')) setup.genome = q.get('genome')!;
  if (q.has('strokes')) setup.strokes = q.get('strokes')!;
  return { setup, problems };
}
