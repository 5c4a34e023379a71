/** Keyboard shortcuts (listed in the help overlay): emit the same events as the buttons. */
import { RENDER_MODE_NAMES, type RenderMode } from '../view/render-modes.ts';
import type { Emit, Tool } from './events.ts';
import { TOOL_INFO } from './toolbar.ts';

export interface KeyboardTargets {
  emit: Emit;
  playing: () => boolean;
  selectTool: (tool: Tool) => void;
  brushRadius: (delta: number) => void;
  view: (mode: RenderMode) => void;
  help: () => void;
  closeOverlays: () => void;
}

export function attachKeyboard(targets: KeyboardTargets): void {
  const toolByKey = new Map(Object.entries(TOOL_INFO).map(([tool, info]) => [info.key, tool as Tool]));
  window.addEventListener('keydown', (event) => {
    const target = event.target as HTMLElement;
    if (target.closest('input, select, textarea') || event.altKey || event.metaKey) return;
    const { emit } = targets;
    const key = event.key;
    if (event.ctrlKey) {
      if (key === 'z') {
        emit({ type: 'undo' });
        event.preventDefault();
      }
      return;
    }
    if (key === ' ') emit({ type: 'play', playing: !targets.playing() });
    else if (key === '.') emit({ type: 'step' });
    else if (key === 'r') emit({ type: 'reset', newSeed: false });
    else if (key === 'n') emit({ type: 'reset', newSeed: true });
    else if (key === 'f') emit({ type: 'fit' });
    else if (key === 'u') emit({ type: 'undo' });
    else if (key === '[') targets.brushRadius(-1);
    else if (key === ']') targets.brushRadius(1);
    else if (key === '?') targets.help();
    else if (key === 'Escape') targets.closeOverlays();
    // 1-9 then 0: the render modes in order, as on a keyboard's number row.
    else if (/^[0-9]$/.test(key) && RENDER_MODE_NAMES[(Number(key) + 9) % 10])
      targets.view(RENDER_MODE_NAMES[(Number(key) + 9) % 10]);
    else if (toolByKey.has(key)) targets.selectTool(toolByKey.get(key)!);
    else return;
    event.preventDefault();
  });
}
