/** The help overlay (keyboard shortcuts) and the about panel (the genome / regulation analogy). */
import { TOOL_INFO } from './toolbar.ts';
import { el } from './dom.ts';

export interface Overlay {
  toggle(): void;
  close(): void;
  readonly open: boolean;
}

function overlay(root: HTMLElement, card: HTMLElement): Overlay {
  root.replaceChildren(card);
  root.addEventListener('click', (event) => {
    if (event.target === root) root.hidden = true;
  });
  card.append(
    el('p', {}, [
      el('button', {
        textContent: 'Close',
        onclick: () => {
          root.hidden = true;
        },
      }),
    ]),
  );
  return {
    toggle: () => {
      root.hidden = !root.hidden;
    },
    close: () => {
      root.hidden = true;
    },
    get open() {
      return !root.hidden;
    },
  };
}

export function createHelp(root: HTMLElement): Overlay {
  root.dataset.testid = 'help';
  const row = (key: string, what: string) =>
    el('tr', {}, [el('td', {}, [el('kbd', { textContent: key })]), el('td', { textContent: what })]);
  const table = el('table', {}, [
    row('space', 'pause / run'),
    row('.', 'one step'),
    row('r', 'reset to one seed cell'),
    row('n', 'reset with a new seed'),
    row('f', 'fit the grid to the screen'),
    row('u / Ctrl+Z', 'undo the last stroke'),
    row('[ ]', 'brush smaller / larger'),
    row('1-9, 0', 'render mode'),
    ...Object.values(TOOL_INFO).map((info) => row(info.key, `${info.label}: ${info.meaning}`)),
    row('?', 'this help'),
    row('Esc', 'close'),
  ]);
  const mouse = el('p', {
    textContent: 'Drag on the grid to use the tool; right-drag or two fingers pan; the wheel or a pinch zooms.',
  });
  return overlay(
    root,
    el('div', { className: 'card' }, [el('h2', { textContent: 'Keyboard and mouse' }), table, mouse]),
  );
}

export function createAbout(root: HTMLElement): Overlay {
  root.dataset.testid = 'about';
  return overlay(
    root,
    el('div', { className: 'card' }, [
      el('h2', { textContent: 'About Epigenesis' }),
      el('p', {
        textContent:
          'Every cell on the grid runs the same genome: a fixed, trained set of expert sub-circuits, the way every '
          + 'cell of a body carries the same DNA. What differs between cells is which parts of the genome they '
          + 'express.',
      }),
      el('p', {
        textContent:
          'A small regulatory layer, like transcription factors, reads each cell’s neighbourhood, its painted '
          + 'morphogens and its own epigenetic marks, and picks the experts the cell expresses. The marks remember '
          + 'past choices: low plasticity commits a cell to its fate, reprogramming makes it pluripotent again.',
      }),
      el('p', {
        textContent:
          'Only expressed experts are computed, as in a sparse mixture-of-experts model: the active-parameter '
          + 'fraction is the transcribed share of the genome. Knock out an expert, force one, or damage the '
          + 'organism, and watch the tissue regulate itself.',
      }),
      el('p', {}, [
        'The maths of one step, the vocabulary and the genome file format: ',
        el('a', {
          href: 'docs/DESIGN.md',
          target: '_blank',
          rel: 'noopener',
          textContent: 'docs/DESIGN.md',
          testid: 'about-docs',
        }),
        '.',
      ]),
    ]),
  );
}
