/**
 * Choosing a genome: the bundled presets, or a local file (file dialog or drag-and-drop onto the page),
 * in our format or the Growing-NCA demo format. Emits the file's text; the app parses it.
 */
import type { Emit } from './events.ts';
import { button, el, jsonFileInput } from './dom.ts';

export interface PresetPicker {
  /** Which entry the picker shows: a preset key, or a local file's name. */
  showCurrent(label: string, isPreset: boolean): void;
}

export function createPresetPicker(
  root: HTMLElement,
  dropZone: HTMLElement,
  hint: HTMLElement,
  keys: string[],
  emit: Emit,
): PresetPicker {
  const select = el('select', {
    testid: 'preset',
    title: 'Bundled presets',
    onchange: () => emit({ type: 'preset', key: select.value }),
  });
  select.append(...keys.map((key) => el('option', { value: key, textContent: key })));
  const local = el('option', { value: '', disabled: true });
  const input = jsonFileInput('open-file-input', (name, text) => emit({ type: 'openFile', name, text }));
  root.append(
    el('span', { textContent: 'genome' }),
    select,
    button(
      'Open file…',
      'open-file',
      'Open a genome (.genome.json or a Growing-NCA model); or drop it on the page',
      () => input.click(),
    ),
    input,
  );

  // Drag-and-drop anywhere on the stage.
  let depth = 0;
  dropZone.addEventListener('dragenter', (event) => {
    event.preventDefault();
    depth++;
    hint.hidden = false;
  });
  dropZone.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (depth === 0) hint.hidden = true;
  });
  dropZone.addEventListener('dragover', (event) => event.preventDefault());
  dropZone.addEventListener('drop', async (event) => {
    event.preventDefault();
    depth = 0;
    hint.hidden = true;
    const file = event.dataTransfer?.files[0];
    if (file) emit({ type: 'openFile', name: file.name, text: await file.text() });
  });

  return {
    showCurrent(label, isPreset) {
      if (isPreset) {
        local.remove();
        select.value = label;
        return;
      }
      local.textContent = `file: ${label}`;
      local.value = `file:${label}`;
      select.append(local);
      select.value = local.value;
    },
  };
}
