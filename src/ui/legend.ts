/** The legend over the canvas: what the colours of the current render mode mean, named from the genome. */
import {
  ALIVE_DARK,
  BACKGROUND,
  HEAT_RAMP,
  KNOCKOUT_STRIPE,
  KNOCKOUT_STRIPE_PIXELS,
  POTENCY_RAMP,
  SIGNED_RAMP,
  SILENT_GREY,
  expertColour,
} from '../model/palette.ts';
import { RENDER_MODES, type RenderMode, type ViewSettings } from '../view/render-modes.ts';
import { el, rgbCss } from './dom.ts';

// The ramps of kernels/render.glsl, from the same declarations (src/model/palette.ts).
const gradient = (colours: readonly (readonly number[])[]) =>
  `linear-gradient(90deg, ${colours.map(rgbCss).join(', ')})`;
const grey = (level: number) => [level, level, level];
const HEAT = gradient(HEAT_RAMP);
const SIGNED = gradient([SIGNED_RAMP.negative, BACKGROUND, SIGNED_RAMP.positive]);
const GREYS = gradient([grey(POTENCY_RAMP.pluripotent), grey(POTENCY_RAMP.committed)]);

export function showLegend(root: HTMLElement, view: ViewSettings, experts: number, genomeName: string): void {
  root.dataset.testid = 'legend';
  const swatch = (colour: readonly number[], label: string) =>
    el('span', { className: 'item' }, [
      el('span', { className: 'swatch', style: `background: ${rgbCss(colour)}` }),
      label,
    ]);
  const ramp = (gradient: string, low: string, high: string) =>
    el('span', { className: 'item' }, [low, el('span', { className: 'ramp', style: `background: ${gradient}` }), high]);
  const mode = RENDER_MODES[view.mode];
  const title = el('strong', { textContent: `${genomeName}: ${mode.label}${mode.index ? ` ${view.index}` : ''}  ` });
  const w = KNOCKOUT_STRIPE_PIXELS;
  const stripes = () =>
    el('span', { className: 'item' }, [
      el('span', {
        className: 'swatch',
        style:
          `background: repeating-linear-gradient(45deg, ${rgbCss(KNOCKOUT_STRIPE)} 0 ${w}px, `
          + `${rgbCss(BACKGROUND)} ${w}px ${2 * w}px)`,
      }),
      'knocked out',
    ]);
  // What each mode's colours mean; a mode not named here says what it shows.
  const keys: Partial<Record<RenderMode, () => HTMLElement[]>> = {
    type: () => [
      ...Array.from({ length: experts }, (_, k) => swatch(expertColour(k), `expert ${k}`)),
      swatch(SILENT_GREY, 'silent'),
    ],
    expression: () => [ramp(HEAT, '0', '1')],
    marks: () => [ramp(HEAT, '0', '1')],
    morphogen: () => [ramp(HEAT, '0', '|1|')],
    potency: () => [ramp(GREYS, 'pluripotent', 'committed')],
    channel: () => [ramp(SIGNED, '−', '+')],
    alive: () => [swatch(ALIVE_DARK, 'alive'), swatch(BACKGROUND, 'dead')],
    fields: () => [stripes(), el('span', { textContent: 'forced: the expert’s colour' })],
  };
  const body = keys[view.mode]?.() ?? [el('span', { textContent: mode.meaning })];
  root.replaceChildren(title, ...body);
}
