/** Tiny DOM helpers shared by the controls. */

export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  props: Partial<Omit<HTMLElementTagNameMap[K], 'style'>> & { testid?: string; style?: string } = {},
  children: (Node | string)[] = [],
): HTMLElementTagNameMap[K] {
  const node = document.createElement(tag);
  const { testid, style, ...rest } = props;
  Object.assign(node, rest);
  if (style) node.setAttribute('style', style);
  if (testid) node.dataset.testid = testid;
  node.append(...children);
  return node;
}

/** A button with its label, test id, tooltip (naming its shortcut, if any) and action. */
export function button(textContent: string, testid: string, title: string, onclick: () => void): HTMLButtonElement {
  return el('button', { textContent, testid, title, onclick });
}

/** A hidden input for a JSON file: `open` gets the chosen file's name and text. */
export function jsonFileInput(testid: string, open: (name: string, text: string) => void): HTMLInputElement {
  const input = el('input', { type: 'file', accept: '.json,application/json', hidden: true, testid });
  input.addEventListener('change', async () => {
    const file = input.files?.[0];
    if (file) open(file.name, await file.text());
    input.value = ''; // the same file again is a new choice
  });
  return input;
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const node = document.getElementById(id);
  if (!node) throw new Error(`index.html: no element #${id}`);
  return node as T;
}

/** A browser download of `blob` named `fileName`. */
export function download(blob: Blob, fileName: string): void {
  const url = URL.createObjectURL(blob);
  const link = el('a', { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export const rgbCss = (c: readonly number[]) => `rgb(${c[0]}, ${c[1]}, ${c[2]})`;
