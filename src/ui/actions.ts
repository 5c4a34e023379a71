/** The header's actions: share link, PNG snapshot, state export and import, help and about. */
import type { Emit } from './events.ts';
import { button, el, jsonFileInput } from './dom.ts';

export interface Actions {
  /** Shows whether a recording runs (the button reads Stop while it does). */
  setRecording(recording: boolean): void;
}

export function createActions(
  root: HTMLElement,
  emit: Emit,
  overlays: { help: () => void; about: () => void },
): Actions {
  const record = button('Record', 'record', 'Record the view as a WebM video; click again to stop and save', () =>
    emit({ type: 'record' }),
  );
  const stateInput = jsonFileInput('import-state-input', (name, text) => emit({ type: 'importState', name, text }));
  root.append(
    button('Share link', 'share', 'Put the whole setup in the address bar and copy it', () => emit({ type: 'share' })),
    button('Snapshot PNG', 'snapshot', 'Download the view as a PNG', () => emit({ type: 'snapshot' })),
    record,
    button('Export state', 'export-state', 'Save every cell to a file', () => emit({ type: 'exportState' })),
    button('Load state', 'import-state', 'Load a saved state file', () => stateInput.click()),
    stateInput,
    button('?', 'help-button', 'Keyboard shortcuts (?)', overlays.help),
    el('button', { textContent: 'About', testid: 'about-button', onclick: overlays.about }),
  );
  return {
    setRecording(recording) {
      record.textContent = recording ? '■ Stop' : 'Record';
      record.classList.toggle('active', recording);
    },
  };
}
