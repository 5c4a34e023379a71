/**
 * The fate panel of lineage tracing: one live plot per clone, its living cells over steps stacked by cell
 * type (the top edge is the clone's size), under a header with the clone's colour, size and mean potency.
 * Shows what the app gives it; holds no simulation state.
 */
import uPlot from 'uplot';
import type { CloneMetrics } from '../engine/metrics-program.ts';
import { SILENT_GREY, cloneColour, expertColour } from '../model/palette.ts';
import { el, rgbCss } from './dom.ts';
import { countLabel } from './plots.ts';

const HISTORY = 600;

export interface FatePanel {
  /** The clones' metrics at one step (an empty list: no clone alive). */
  push(step: number, clones: CloneMetrics[]): void;
  /** Clones cleared, a new genome or a reset: forget every history. */
  clear(): void;
}

interface ClonePlot {
  root: HTMLElement;
  header: HTMLElement;
  plot: uPlot;
  /** [step, silent, census...] per sample. */
  rows: number[][];
}

export function createFatePanel(root: HTMLElement): FatePanel {
  root.dataset.testid = 'fates';
  const plots = new Map<number, ClonePlot>();
  const empty = el('p', {
    className: 'hint',
    textContent: 'No clones. Mark some with the Mark clone tool (c) to follow their descendants.',
  });
  root.replaceChildren(
    el('div', { className: 'title', textContent: 'clones: cells by type over steps (stacked)' }),
    empty,
  );
  let experts = 0;

  function create(label: number): ClonePlot {
    const header = el('div', { className: 'clone-header' });
    const box = el('div');
    const section = el('div', { className: 'clone', testid: `fate-${label}` }, [header, box]);
    // Cumulative sums drawn largest first, each filled to zero: later (smaller) bands paint over, a stack.
    const bands = [
      { stroke: rgbCss(SILENT_GREY), fill: rgbCss(SILENT_GREY) },
      ...Array.from({ length: experts }, (_, i) => ({
        stroke: rgbCss(expertColour(experts - 1 - i)),
        fill: rgbCss(expertColour(experts - 1 - i)),
      })),
    ];
    const plot = new uPlot(
      {
        width: Math.max(200, root.clientWidth || 300),
        height: 80,
        legend: { show: false },
        cursor: { show: false },
        scales: { x: { time: false } },
        series: [{}, ...bands.map((b) => ({ ...b, width: 1, points: { show: false } }))],
        axes: [{ size: 24 }, { size: 40, values: (_: uPlot, ticks: number[]) => ticks.map(countLabel) }],
      },
      [[]],
      box,
    );
    const entry = { root: section, header, plot, rows: [] };
    // Plots in label order.
    const after = [...plots.keys()].filter((l) => l > label).sort((a, b) => a - b)[0];
    root.insertBefore(section, after === undefined ? null : plots.get(after)!.root);
    return entry;
  }

  function draw(entry: ClonePlot): void {
    const steps = entry.rows.map((r) => r[0]);
    entry.plot.setData([
      steps,
      ...Array.from({ length: experts + 1 }, (_, band) =>
        entry.rows.map((r) => {
          // band 0 = silent + all experts; band b >= 1 = experts 0..K-b.
          let sum = band === 0 ? r[1] : 0;
          for (let j = 0; j <= experts - Math.max(band, 1); j++) sum += r[2 + j];
          return sum;
        }),
      ),
    ]);
  }

  const panel: FatePanel = {
    clear() {
      for (const entry of plots.values()) {
        entry.plot.destroy();
        entry.root.remove();
      }
      plots.clear();
      empty.hidden = false;
    },
    push(step, clones) {
      if (clones.length > 0 && clones[0].census.length !== experts) {
        panel.clear();
        experts = clones[0].census.length;
      }
      const alive = new Map(clones.map((c) => [c.label, c]));
      for (const [label, entry] of plots) {
        const last = entry.rows.at(-1);
        if (last && step < last[0]) entry.rows = []; // the grid went back in time (undo, reset): start over
        if (!alive.has(label)) {
          entry.rows.push([step, 0, ...new Array<number>(experts).fill(0)]);
          entry.header.textContent = `clone ${label}: extinct`;
          entry.root.dataset.value = '0';
          draw(entry);
        }
      }
      for (const clone of clones) {
        let entry = plots.get(clone.label);
        if (!entry) {
          entry = create(clone.label);
          plots.set(clone.label, entry);
        }
        entry.rows.push([step, clone.silentCount, ...clone.census]);
        entry.root.dataset.value = String(clone.aliveCount); // the size, for tests and scripts
        entry.root.dataset.census = JSON.stringify(clone.census);
        if (entry.rows.length > HISTORY) entry.rows.shift();
        entry.header.replaceChildren(
          el('span', { className: 'swatch', style: `background: ${rgbCss(cloneColour(clone.label))}` }),
          `clone ${clone.label}: ${clone.aliveCount} cells, mean potency ${clone.meanPotency.toFixed(2)}`,
        );
        draw(entry);
      }
      empty.hidden = plots.size > 0;
    },
  };
  return panel;
}
