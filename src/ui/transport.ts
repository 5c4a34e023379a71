/** Play / pause, one step, reset, new seed, fit: the frame loop's controls. */
import type { Emit } from './events.ts';
import { button, el } from './dom.ts';

export interface Transport {
  setPlaying(playing: boolean): void;
  /** Shows the grid's size in the size picker. */
  setGridSize(width: number, height: number): void;
}

const SIDES = [32, 48, 64, 96, 128, 192, 256, 384, 512];

export function createTransport(root: HTMLElement, emit: Emit): Transport {
  let playing = true;
  const play = el('button', {
    testid: 'play',
    title: 'Pause / run (space)',
    onclick: () => emit({ type: 'play', playing: !playing }),
  });
  root.append(
    play,
    button('Step', 'step', 'One step (.)', () => emit({ type: 'step' })),
    button('Reset', 'reset', 'One seed cell again (r)', () => emit({ type: 'reset', newSeed: false })),
    button('New seed', 'new-seed', 'Reset with a new random seed (n)', () => emit({ type: 'reset', newSeed: true })),
    button('Fit', 'fit', 'Fit the grid to the screen (f)', () => emit({ type: 'fit' })),
  );
  const size = el('select', {
    testid: 'grid-size',
    title: 'Grid size (cells); a new size starts from one seed cell',
    onchange: () => {
      const side = Number(size.value);
      emit({ type: 'gridSize', width: side, height: side });
    },
  });
  root.append(size);
  const transport: Transport = {
    setGridSize(width, height) {
      const label = `${width}×${height}`;
      const options = SIDES.map((side) => el('option', { value: String(side), textContent: `${side}×${side}` }));
      if (width !== height || !SIDES.includes(width))
        options.unshift(el('option', { value: '', textContent: label, disabled: true }));
      size.replaceChildren(...options);
      size.value = width === height && SIDES.includes(width) ? String(width) : '';
    },
    setPlaying(value) {
      playing = value;
      play.textContent = playing ? 'Pause' : 'Run';
      play.classList.toggle('active', !playing);
    },
  };
  transport.setPlaying(true);
  return transport;
}
