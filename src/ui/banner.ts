/** The error banner: a message the user can read and dismiss, optionally with one action (e.g. reset). */
import { el } from './dom.ts';

export interface Banner {
  show(message: string, action?: { label: string; run: () => void }): void;
  hide(): void;
}

export function createBanner(root: HTMLElement): Banner {
  root.dataset.testid = 'banner';
  const hide = () => {
    root.hidden = true;
    root.replaceChildren();
  };
  return {
    show(message, action) {
      const buttons: HTMLElement[] = [];
      if (action)
        buttons.push(
          el('button', {
            textContent: action.label,
            onclick: () => {
              hide();
              action.run();
            },
          }),
        );
      buttons.push(el('button', { textContent: 'Dismiss', onclick: hide }));
      root.replaceChildren(
        el('span', { className: 'message', textContent: message, testid: 'banner-message' }),
        ...buttons,
      );
      root.hidden = false;
    },
    hide,
  };
}
