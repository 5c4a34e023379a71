/**
 * The ui's events about files and sharing: open a preset or a genome file, import and export a state, take
 * a snapshot or a recording, share a link. A bad file throws before anything changed: the running organism
 * goes on and the banner names the file and field.
 */
import { expertCount } from '../model/genome.ts';
import { parseGenome } from '../model/genome-file.ts';
import { parseState, serializeState } from '../model/state-file.ts';
import type { AppContext, EventHandlers } from './app-context.ts';
import { resizeSimulation } from './gpu-session.ts';
import { loadPreset } from './presets.ts';
import { linkSetup, withHistory } from './share-link.ts';

type FileEvents = 'preset' | 'openFile' | 'importState' | 'exportState' | 'snapshot' | 'share' | 'record';

export function fileHandlers(app: AppContext): Pick<EventHandlers, FileEvents> {
  const { model, ui, sim } = app;
  return {
    preset: async (event) => {
      const { text, fileName } = await loadPreset(event.key);
      switchGenome(app, text, fileName, event.key);
    },
    openFile: (event) => switchGenome(app, event.text, event.name, null),
    importState: (event) => importState(app, event.text, event.name),
    exportState: () => {
      const text = serializeState(sim().readState(), model.genome.metadata.name);
      ui.download(new Blob([text], { type: 'application/json' }), `${app.fileStem()}.state.json`);
    },
    snapshot: () => ui.snapshot(`${app.fileStem()}.png`),
    share: () => share(app),
    record: () => ui.record(`${app.fileStem()}.webm`),
  };
}

function switchGenome(app: AppContext, text: string, fileName: string, preset: string | null): void {
  const { model, ui } = app;
  const genome = parseGenome(text, fileName); // throws naming the file and field: nothing changed yet
  app.sim().setGenome(genome);
  app.sim().reset();
  Object.assign(model, { genome, preset, label: preset ?? fileName, fileText: preset === null ? text : null });
  if (model.view.index >= expertCount(genome)) model.view = { mode: model.view.mode, index: 0 };
  app.forgetHistory();
  ui.toolbar.setGenomeSizes(expertCount(genome), genome.architecture.morphogens);
  ui.picker.showCurrent(model.label, preset !== null);
  ui.plots.restart(expertCount(genome));
  ui.banner.hide();
}

function importState(app: AppContext, text: string, name: string): void {
  const { model } = app;
  const s = app.sim();
  const state = parseState(text, name);
  const arch = model.genome.architecture;
  const experts = expertCount(model.genome);
  if (state.channels !== arch.channels || state.experts !== experts || state.morphogenCount !== arch.morphogens) {
    const found = `${state.channels} channels, ${state.experts} experts and ${state.morphogenCount} morphogens`;
    const wanted = `${arch.channels}, ${experts}, ${arch.morphogens}`;
    throw new Error(`${name}: a state of ${found} does not fit ${model.label} (${wanted}); open its genome first`);
  }
  if (state.width !== s.width || state.height !== s.height) {
    const { width, height } = state;
    const { seed, params, environment } = s;
    resizeSimulation(app.gpu(), { genome: model.genome, width, height, seed, params, state, environment });
    app.fit();
  } else s.loadState(state);
  app.forgetHistory();
  app.journal.lose(`it was loaded from ${name}, which a link cannot carry`);
}

/** The setup with the grid's history into the URL; what cannot travel in it, in the banner. */
async function share(app: AppContext): Promise<void> {
  const { model, ui } = app;
  const history = await withHistory(app.setup(), { step: app.sim().stepCount, journal: app.journal.ops() });
  const link = await linkSetup(history.setup, model.fileText ? { name: model.label, text: model.fileText } : null);
  ui.share(link.setup);
  const notices = [history.notice, link.notice].filter((n) => n !== null);
  if (notices.length) ui.banner.show(notices.join('\n'));
}
