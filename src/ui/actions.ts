/** The header's actions: share link, PNG snapshot, state export and import, help and about. */
import type { Emit } from './events.ts';
import { el } from './dom.ts';

export interface Actions {
  /** Shows whether a recording runs (the button reads Stop while it does). */
  setRecording(recording: boolean): void;
}

export function createActions(
  root: HTMLElement,
  emit: Emit,
  overlays: { help: () => void; about: () => void },
): Actions {
  const record = el('button', {
    textContent: 'Record',
    testid: 'record',
    title: 'Record the view as a WebM video; click again to stop and save',
    onclick: () => emit({ type: 'record' }),
  });
  const stateInput = el('input', {
    type: 'file',
    accept: '.json,application/json',
    hidden: true,
    testid: 'import-state-input',
  });
  stateInput.addEventListener('change', async () => {
    const file = stateInput.files?.[0];
    if (file) emit({ type: 'importState', name: file.name, text: await file.text() });
    stateInput.value = '';
  });
  root.append(
    el('button', {
      textContent: 'Share link',
      testid: 'share',
      title: 'Put the whole setup in the address bar and copy it',
      onclick: () => emit({ type: 'share' }),
    }),
    el('button', {
      textContent: 'Snapshot PNG',
      testid: 'snapshot',
      title: 'Download the view as a PNG',
      onclick: () => emit({ type: 'snapshot' }),
    }),
    record,
    el('button', {
      textContent: 'Export state',
      testid: 'export-state',
      title: 'Save every cell to a file',
      onclick: () => emit({ type: 'exportState' }),
    }),
    el('button', {
      textContent: 'Load state',
      testid: 'import-state',
      title: 'Load a saved state file',
      onclick: () => stateInput.click(),
    }),
    stateInput,
    el('button', { textContent: '?', testid: 'help-button', title: 'Keyboard shortcuts (?)', onclick: overlays.help }),
    el('button', { textContent: 'About', testid: 'about-button', onclick: overlays.about }),
  );
  return {
    setRecording(recording) {
      record.textContent = recording ? '■ Stop' : 'Record';
      record.classList.toggle('active', recording);
    },
  };
}
