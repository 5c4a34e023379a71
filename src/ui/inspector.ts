/**
 * The inspector: the cell under the pointer, its type, marks, expression, state channels and morphogens, read from the
 * GPU when the pointer moves (a few texels). Shows what it is given; holds no simulation state.
 */
import { expertColour } from '../model/palette.ts';
import { el, rgbCss } from './dom.ts';

export interface CellReport {
  x: number;
  y: number;
  /** Dominant expert of the last expression, -1 when the cell expressed nothing. */
  type: number;
  alive: boolean;
  state: Float32Array;
  marks: Float32Array;
  expression: Float32Array;
  /** The painted morphogen fields under the cell (empty when the genome reads none). */
  morphogens: Float32Array;
}

export interface Inspector {
  show(report: CellReport | null): void;
}

const format = (v: number) => (Number.isFinite(v) ? v.toFixed(3) : String(v));

function row(name: string, values: Float32Array, colour?: (i: number) => string): HTMLElement {
  const cells = [...values].map((v, i) =>
    el('span', { className: 'inspector-value', textContent: format(v), title: `${name} ${i}` }),
  );
  if (colour)
    cells.forEach((cell, i) => {
      cell.style.borderBottom = `2px solid ${colour(i)}`;
    });
  return el('div', { className: 'inspector-row' }, [el('span', { className: 'name', textContent: name }), ...cells]);
}

export function createInspector(root: HTMLElement): Inspector {
  root.dataset.testid = 'inspector';
  return {
    show(report) {
      root.hidden = report === null;
      if (!report) return;
      const type = !report.alive ? 'empty' : report.type < 0 ? 'silent' : `expert ${report.type}`;
      const colour = (k: number) => rgbCss(expertColour(k));
      root.replaceChildren(
        el('div', {
          className: 'inspector-title',
          testid: 'inspector-title',
          textContent: `cell (${report.x}, ${report.y}): ${type}`,
        }),
        row('expression', report.expression, colour),
        row('marks', report.marks, colour),
        row('state', report.state),
        ...(report.morphogens.length > 0 ? [row('morphogens', report.morphogens)] : []),
      );
    },
  };
}
