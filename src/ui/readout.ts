/**
 * The live numbers: step, alive cells, census of types, silent cells, active-parameter fraction, mean
 * potency, steps/s and frame time. Each value carries data-testid and its raw number in data-value, so
 * tests (and scripts) read what the user reads.
 */
import type { GpuMetrics } from '../engine/metrics-program.ts';
import { expertColour } from '../model/palette.ts';
import { el, rgbCss } from './dom.ts';

export interface FrameStats {
  stepsPerSecond: number;
  frameMs: number;
}

export interface Readout {
  show(metrics: GpuMetrics, stats: FrameStats): void;
}

export function createReadout(root: HTMLElement): Readout {
  const metric = (name: string, testid: string, title: string) => {
    const value = el('span', { className: 'value', testid, textContent: '-' });
    root.append(
      el('div', { className: 'metric', title }, [el('span', { className: 'name', textContent: name }), value]),
    );
    return value;
  };
  const set = (node: HTMLElement, value: number, text: string) => {
    node.dataset.value = String(value);
    node.textContent = text;
  };
  const step = metric('step', 'metric-step', 'steps since the last reset');
  const alive = metric('alive cells', 'metric-alive', 'cells whose alpha exceeds 0.1');
  const active = metric(
    'active parameters',
    'metric-active',
    'genome parameters used per alive cell per step (gate + expressed experts)',
  );
  const potency = metric('mean potency', 'metric-potency', '1 = pluripotent, 0 = committed');
  const rate = metric('steps / s', 'metric-rate', 'simulation steps per second');
  const frame = metric('frame time', 'metric-frame', 'time between frames: the steps and the drawing, GPU included');
  const silent = metric('silent cells', 'metric-silent', 'alive cells that expressed no expert');
  root.append(el('span'));
  const census = el('span', { className: 'value', testid: 'metric-census' });
  root.append(
    el('div', { className: 'metric census', title: 'alive cells per dominant expert' }, [
      el('span', { className: 'name', textContent: 'census of cell types' }),
      census,
    ]),
  );

  return {
    show(m, stats) {
      set(step, m.step, String(m.step));
      set(alive, m.aliveCount, m.aliveCount.toLocaleString('en'));
      set(active, m.activeParamFraction, `${(100 * m.activeParamFraction).toFixed(1)} %`);
      set(potency, m.meanPotency, m.meanPotency.toFixed(3));
      set(rate, stats.stepsPerSecond, stats.stepsPerSecond.toFixed(1));
      set(frame, stats.frameMs, `${stats.frameMs.toFixed(1)} ms`);
      set(silent, m.silentCount, m.silentCount.toLocaleString('en'));
      census.dataset.value = JSON.stringify(m.census);
      census.replaceChildren(
        ...m.census.map((count, k) =>
          el('span', {
            className: 'item',
            style: `margin-right: 8px; color: ${rgbCss(expertColour(k))}`,
            textContent: `■ ${k}: ${count}`,
          }),
        ),
      );
    },
  };
}
