/**
 * The parameter panel, generated from the one declaration (PARAMETERS): a slider per live parameter, a
 * knockout switch per expert of the current genome, and the render mode. Tweakpane holds a copy of the
 * values for display only; the app owns the truth and calls `show` after each change it accepts.
 */
import { Pane, type FolderApi } from 'tweakpane';
import { PARAMETERS, PARAMETER_NAMES, type ScalarParams } from '../model/params.ts';
import {
  RENDER_MODES,
  RENDER_MODE_NAMES,
  indexCount,
  type RenderMode,
  type ViewSettings,
} from '../view/render-modes.ts';
import type { Emit } from './events.ts';

export interface PanelState {
  params: ScalarParams;
  knockouts: number[];
  /** The environment signal, or null when the genome reads none (no slider). */
  environment: number | null;
  view: ViewSettings;
  sizes: { experts: number; channels: number; morphogens: number };
}

export interface ParamsPanel {
  show(state: PanelState): void;
}

export function createParamsPanel(container: HTMLElement, emit: Emit): ParamsPanel {
  const pane = new Pane({ container, title: 'Regulation and view' });
  let folders: FolderApi[] = [];
  let shape = '';
  const values: Record<string, number | boolean | string> = {};
  // Showing the app's values must not echo them back as user changes.
  let muted = false;
  const send: Emit = (event) => {
    if (!muted) emit(event);
  };

  function build(state: PanelState): void {
    for (const folder of folders) folder.dispose();
    const regulation = pane.addFolder({ title: 'Regulation' });
    for (const name of PARAMETER_NAMES) {
      const spec = PARAMETERS[name];
      const max = name === 'topK' ? Math.max(1, state.sizes.experts) : spec.max;
      regulation
        .addBinding(values, name, { label: spec.label, min: spec.min, max, step: spec.step })
        .on('change', (event) => send({ type: 'param', name, value: Number(event.value) }));
    }
    const environment = state.environment === null ? null : pane.addFolder({ title: 'Environment' });
    environment
      ?.addBinding(values, 'environment', { label: 'signal', min: 0, max: 1, step: 0.01 })
      .on('change', (event) => send({ type: 'environment', value: Number(event.value) }));
    const knockouts = pane.addFolder({ title: 'Knockouts (everywhere)' });
    for (let k = 0; k < state.sizes.experts; k++) {
      knockouts
        .addBinding(values, `ko${k}`, { label: `expert ${k}` })
        .on('change', (event) => send({ type: 'globalKnockout', expert: k, on: Boolean(event.value) }));
    }
    const view = pane.addFolder({ title: 'View' });
    const modes = Object.fromEntries(RENDER_MODE_NAMES.map((m) => [RENDER_MODES[m].label, m]));
    view
      .addBinding(values, 'mode', { label: 'render', options: modes })
      .on('change', (event) => send({ type: 'view', view: { mode: event.value as RenderMode, index: 0 } }));
    const count = indexCount(state.view.mode, state.sizes);
    if (count > 1) {
      view
        .addBinding(values, 'index', {
          label: RENDER_MODES[state.view.mode].index ?? 'index',
          min: 0,
          max: count - 1,
          step: 1,
        })
        .on('change', (event) => send({ type: 'view', view: { mode: state.view.mode, index: Number(event.value) } }));
    }
    folders = [regulation, ...(environment ? [environment] : []), knockouts, view];
  }

  return {
    show(state) {
      for (const name of PARAMETER_NAMES) values[name] = state.params[name];
      for (let k = 0; k < state.sizes.experts; k++) values[`ko${k}`] = state.knockouts.includes(k);
      if (state.environment !== null) values.environment = state.environment;
      values.mode = state.view.mode;
      values.index = state.view.index;
      // Rebuild only when the controls themselves change (another genome, another mode); else refresh.
      const nextShape = JSON.stringify([state.sizes, state.view.mode, state.environment === null]);
      muted = true;
      try {
        if (nextShape !== shape) {
          shape = nextShape;
          build(state);
        } else pane.refresh();
      } finally {
        muted = false;
      }
    },
  };
}
