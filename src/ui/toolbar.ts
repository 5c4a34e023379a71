/**
 * The tools of the canvas (erase, plant seed, knockout, force, reprogram, morphogen, mark clone; pan), the brush size
 * and what the brush paints. Emits the whole ToolSettings on each change; the pointer reads the tool.
 */
import type { Emit, Tool, ToolSettings } from './events.ts';
import { button, el } from './dom.ts';

export const TOOL_INFO: Record<Tool, { label: string; key: string; meaning: string }> = {
  pan: { label: 'Pan', key: 'h', meaning: 'drag to move the view (or drag with the right button, any tool)' },
  erase: { label: 'Erase', key: 'e', meaning: 'damage: the cells under the brush die' },
  seed: { label: 'Seed', key: 's', meaning: 'plant one seed cell' },
  knockout: { label: 'Knockout', key: 'k', meaning: 'silence an expert (or all) in a region' },
  force: { label: 'Force', key: 'o', meaning: 'overexpress one expert in a region' },
  reprogram: { label: 'Reprogram', key: 'p', meaning: 'marks back to pluripotent' },
  morphogen: { label: 'Morphogen', key: 'm', meaning: 'paint a morphogen field the gate reads' },
  clone: {
    label: 'Mark clone',
    key: 'c',
    meaning: 'each stroke marks the living cells under it as a new clone, to follow its descendants',
  },
};

export interface Toolbar {
  readonly settings: ToolSettings;
  selectTool(tool: Tool): void;
  setRadius(radius: number): void;
  /** The genome changed: offer its experts and morphogen fields. */
  setGenomeSizes(experts: number, morphogens: number): void;
}

export function createToolbar(root: HTMLElement, emit: Emit): Toolbar {
  const settings: ToolSettings = { tool: 'erase', radius: 4, expert: 0, paint: true, morphogen: 0, morphogenValue: 1 };
  const changed = () => {
    render();
    emit({ type: 'tool', settings: { ...settings } });
  };
  const buttons = new Map<Tool, HTMLButtonElement>();
  const tools = el('div', { className: 'tools' });
  for (const [tool, info] of Object.entries(TOOL_INFO) as [Tool, (typeof TOOL_INFO)[Tool]][]) {
    const toolButton = button(info.label, `tool-${tool}`, `${info.meaning} (${info.key})`, () => {
      settings.tool = tool;
      changed();
    });
    buttons.set(tool, toolButton);
    tools.append(toolButton);
  }
  const radius = el('input', {
    type: 'range',
    min: '0',
    max: '40',
    step: '1',
    testid: 'brush-size',
    oninput: () => {
      settings.radius = Number(radius.value);
      changed();
    },
  });
  const radiusLabel = el('span');
  const expert = el('select', {
    testid: 'brush-expert',
    onchange: () => {
      settings.expert = expert.value === 'all' ? 'all' : Number(expert.value);
      changed();
    },
  });
  const paint = el('select', {
    testid: 'brush-paint',
    onchange: () => {
      settings.paint = paint.value === 'paint';
      changed();
    },
  });
  paint.append(
    el('option', { value: 'paint', textContent: 'paint' }),
    el('option', { value: 'lift', textContent: 'lift / erase' }),
  );
  const morphogen = el('select', {
    testid: 'brush-morphogen',
    onchange: () => {
      settings.morphogen = Number(morphogen.value);
      changed();
    },
  });
  const value = el('input', {
    type: 'number',
    min: '-5',
    max: '5',
    step: '0.1',
    value: '1',
    testid: 'brush-value',
    style: 'width: 60px',
    onchange: () => {
      settings.morphogenValue = Number(value.value) || 0;
      changed();
    },
  });
  const expertRow = el('label', {}, ['expert', expert]);
  const paintRow = el('label', {}, ['mode', paint]);
  const morphRow = el('label', {}, ['field / value', el('div', { className: 'row' }, [morphogen, value])]);
  root.append(
    tools,
    el('label', {}, [el('span', {}, ['brush radius ', radiusLabel]), radius]),
    expertRow,
    paintRow,
    morphRow,
    button('Undo stroke', 'undo', 'Undo the last stroke (u / Ctrl+Z)', () => emit({ type: 'undo' })),
    button('Clear clones', 'clear-clones', 'Remove every clone mark (undoable)', () => emit({ type: 'clearClones' })),
  );

  function render(): void {
    for (const [tool, button] of buttons) button.classList.toggle('active', tool === settings.tool);
    radius.value = String(settings.radius);
    radiusLabel.textContent = `${settings.radius}`;
    expertRow.hidden = settings.tool !== 'knockout' && settings.tool !== 'force';
    paintRow.hidden = !['knockout', 'force', 'morphogen'].includes(settings.tool);
    morphRow.hidden = settings.tool !== 'morphogen';
    morphogen.disabled = morphogen.options.length === 0;
  }

  const toolbar: Toolbar = {
    settings,
    selectTool(tool) {
      settings.tool = tool;
      changed();
    },
    setRadius(r) {
      settings.radius = Math.max(0, Math.min(40, Math.round(r)));
      changed();
    },
    setGenomeSizes(experts, morphogens) {
      expert.replaceChildren(
        ...Array.from({ length: experts }, (_, k) => el('option', { value: String(k), textContent: `expert ${k}` })),
        el('option', { value: 'all', textContent: 'all experts' }),
      );
      if (settings.expert !== 'all' && settings.expert >= experts) settings.expert = 0;
      expert.value = String(settings.expert);
      morphogen.replaceChildren(
        ...Array.from({ length: morphogens }, (_, m) => el('option', { value: String(m), textContent: `field ${m}` })),
      );
      if (settings.morphogen >= morphogens) settings.morphogen = 0;
      changed();
    },
  };
  render();
  return toolbar;
}
