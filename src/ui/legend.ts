/** The legend over the canvas: what the colours of the current render mode mean, named from the genome. */
import { BACKGROUND, SILENT_GREY, expertColour } from '../model/palette.ts';
import { RENDER_MODES, type ViewSettings } from '../view/render-modes.ts';
import { el, rgbCss } from './dom.ts';

const HEAT = 'linear-gradient(90deg, rgb(43, 28, 107), rgb(33, 145, 140), rgb(252, 232, 38))';
const SIGNED = 'linear-gradient(90deg, rgb(31, 120, 181), rgb(246, 245, 240), rgb(214, 39, 40))';
const GREYS = 'linear-gradient(90deg, rgb(20, 20, 20), rgb(200, 200, 200))';

export function showLegend(root: HTMLElement, view: ViewSettings, experts: number, genomeName: string): void {
  root.dataset.testid = 'legend';
  const swatch = (colour: readonly number[], label: string) =>
    el('span', { className: 'item' }, [el('span', { className: 'swatch', style: `background: ${rgbCss(colour)}` }), label]);
  const ramp = (gradient: string, low: string, high: string) =>
    el('span', { className: 'item' }, [low, el('span', { className: 'ramp', style: `background: ${gradient}` }), high]);
  const title = el('strong', { textContent: `${genomeName}: ${RENDER_MODES[view.mode].label}${RENDER_MODES[view.mode].index ? ` ${view.index}` : ''}  ` });
  let body: HTMLElement[] = [];
  switch (view.mode) {
    case 'type':
      body = [...Array.from({ length: experts }, (_, k) => swatch(expertColour(k), `expert ${k}`)), swatch(SILENT_GREY, 'silent')];
      break;
    case 'expression': case 'marks': body = [ramp(HEAT, '0', '1')]; break;
    case 'morphogen': body = [ramp(HEAT, '0', '|1|')]; break;
    case 'potency': body = [ramp(GREYS, 'pluripotent', 'committed')]; break;
    case 'channel': body = [ramp(SIGNED, '−', '+')]; break;
    case 'alive': body = [swatch([33, 33, 33], 'alive'), swatch(BACKGROUND, 'dead')]; break;
    case 'fields': body = [swatch([217, 26, 26], 'knocked out'), el('span', { textContent: 'forced: the expert’s colour' })]; break;
    default: body = [el('span', { textContent: RENDER_MODES[view.mode].meaning })];
  }
  root.replaceChildren(title, ...body);
}
