/**
 * Metrics over time (uPlot): the census of cell types stacked (each expert's band over the ones below it;
 * the top edge is the alive count), and the active-parameter fraction with the mean potency.
 */
import uPlot from 'uplot';
import 'uplot/dist/uPlot.min.css';
import type { GpuMetrics } from '../engine/metrics-program.ts';
import { SILENT_GREY, expertColour } from '../model/palette.ts';
import { el, rgbCss } from './dom.ts';

const HISTORY = 600;

export interface Plots {
  /** A new genome (another expert count) or a reset: start the history over. */
  restart(experts: number): void;
  push(metrics: GpuMetrics): void;
}

/** A cell count as an axis label that fits the 40-pixel axis: 950, 1.2k, 12k (1,000 was clipped to ".000"). */
export function countLabel(count: number): string {
  if (Math.abs(count) < 1000) return String(count);
  const thousands = count / 1000;
  return `${Math.abs(thousands) < 10 ? Number(thousands.toFixed(1)) : Math.round(thousands)}k`;
}

export function createPlots(root: HTMLElement): Plots {
  const width = Math.max(200, root.clientWidth || 300);
  let census: uPlot | null = null;
  let fractions: uPlot | null = null;
  let rows: number[][] = [];
  let experts = 0;

  function restart(k: number): void {
    census?.destroy();
    fractions?.destroy();
    root.replaceChildren();
    experts = k;
    rows = [];
    // Cumulative sums drawn largest first, each filled to zero: later (smaller) bands paint over, a stack.
    const bands = [
      { label: 'silent', stroke: rgbCss(SILENT_GREY), fill: rgbCss(SILENT_GREY) },
      ...Array.from({ length: k }, (_, i) => ({
        label: `expert ${k - 1 - i}`,
        stroke: rgbCss(expertColour(k - 1 - i)),
        fill: rgbCss(expertColour(k - 1 - i)),
      })),
    ];
    const censusBox = el('div', { testid: 'plot-census' });
    const fractionsBox = el('div', { testid: 'plot-fractions' });
    root.append(
      el('div', { className: 'title', textContent: 'cells by type over steps (stacked)' }),
      censusBox,
      el('div', { className: 'title', textContent: 'active-parameter fraction and mean potency' }),
      fractionsBox,
    );
    const common = {
      width,
      height: 110,
      legend: { show: false },
      cursor: { show: false },
      scales: { x: { time: false } },
    };
    census = new uPlot(
      {
        ...common,
        series: [{}, ...bands.map((b) => ({ ...b, width: 1, points: { show: false } }))],
        axes: [{ size: 24 }, { size: 40, values: (_: uPlot, ticks: number[]) => ticks.map(countLabel) }],
      },
      [[]],
      censusBox,
    );
    fractions = new uPlot(
      {
        ...common,
        scales: { x: { time: false }, y: { range: [0, 1] } },
        series: [
          {},
          { label: 'active', stroke: '#1f77b4', width: 1.5, points: { show: false } },
          { label: 'potency', stroke: '#8c564b', width: 1.5, points: { show: false } },
        ],
        axes: [{ size: 24 }, { size: 40 }],
      },
      [[]],
      fractionsBox,
    );
  }

  return {
    restart,
    push(m) {
      if (m.census.length !== experts) restart(m.census.length);
      if (rows.length && m.step < rows.at(-1)![0]) restart(experts); // the grid was reset
      rows.push([m.step, m.silentCount, ...m.census, m.activeParamFraction, m.meanPotency]);
      if (rows.length > HISTORY) rows.shift();
      const steps = rows.map((r) => r[0]);
      census!.setData([
        steps,
        ...Array.from({ length: experts + 1 }, (_, band) =>
          rows.map((r) => {
            // band 0 = silent + all experts; band b >= 1 = experts 0..k-b.
            let sum = band === 0 ? r[1] : 0;
            for (let j = 0; j <= experts - Math.max(band, 1); j++) sum += r[2 + j];
            return sum;
          }),
        ),
      ]);
      fractions!.setData([steps, rows.map((r) => r[2 + experts]), rows.map((r) => r[3 + experts])]);
    },
  };
}
