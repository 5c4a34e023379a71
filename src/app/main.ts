/**
 * The composition root: reads the setup from the URL, builds the page's controls, loads the genome,
 * starts the GPU session and the frame loop, and wires the browser's events (resize, keys, context loss).
 */
import { expertCount } from '../model/genome.ts';
import { environmentChannels } from '../model/morphogen-fields.ts';
import { PARAMETER_NAMES, resolveParams, type RegulationOverrides } from '../model/params.ts';
import { createActions } from '../ui/actions.ts';
import { createBanner } from '../ui/banner.ts';
import { byId, download } from '../ui/dom.ts';
import type { UiEvent } from '../ui/events.ts';
import { attachKeyboard } from '../ui/keyboard.ts';
import { showLegend } from '../ui/legend.ts';
import { createAbout, createHelp } from '../ui/overlays.ts';
import { createParamsPanel } from '../ui/params-panel.ts';
import { createPlots } from '../ui/plots.ts';
import { createFatePanel } from '../ui/fate-panel.ts';
import { unpackStrokes } from '../ui/strokes-in-link.ts';
import { attachPointer } from '../ui/pointer.ts';
import { createPresetPicker } from '../ui/preset-picker.ts';
import { createReadout } from '../ui/readout.ts';
import { createInspector } from '../ui/inspector.ts';
import { createToolbar } from '../ui/toolbar.ts';
import { createTransport } from '../ui/transport.ts';
import { decodeSetup, encodeSetup } from '../ui/url-state.ts';
import { fitCamera } from '../view/camera.ts';
import { createApp, DEFAULT_SIZE, randomSeed, type App } from './app.ts';
import { createFrameLoop, type FrameLoop } from './frame-loop.ts';
import { createGpuSession, type GpuSession } from './gpu-session.ts';
import { createRecorder } from './recorder.ts';
import { watchHealth } from './health.ts';
import { openingGenome } from './opening-genome.ts';
import { presetKeys } from './presets.ts';
import type { AppUi } from './ui.ts';

let loop: FrameLoop | null = null;

async function main(): Promise<void> {
  const canvas = byId<HTMLCanvasElement>('view');
  const banner = createBanner(byId('banner'));
  const { setup, problems } = decodeSetup(location.hash);
  let app: App | null = null;
  const emit = (event: UiEvent) => {
    void app?.dispatch(event);
  };

  const help = createHelp(byId('help'));
  const about = createAbout(byId('about'));
  const actions = createActions(byId('actions'), emit, { help: help.toggle, about: about.toggle });
  const recorder = createRecorder(canvas);
  const toolbar = createToolbar(byId('toolbar'), emit);
  const cursor = byId('cursor');
  const ui: AppUi = {
    panel: createParamsPanel(byId('panel'), emit),
    transport: createTransport(byId('transport'), emit),
    toolbar,
    picker: createPresetPicker(byId('presets'), byId('stage'), byId('drop-hint'), presetKeys(), emit),
    readout: createReadout(byId('readout')),
    plots: createPlots(byId('plots')),
    fates: createFatePanel(byId('fates')),
    banner,
    legend: (view, experts, name) => showLegend(byId('legend'), view, experts, name),
    invalidate: () => loop?.invalidate(),
    download,
    snapshot(fileName) {
      // The drawing buffer is not preserved between frames: draw and read it in the same task.
      app!.draw();
      void fetch(canvas.toDataURL('image/png'))
        .then((r) => r.blob())
        .then((blob) => download(blob, fileName));
    },
    record(fileName) {
      recorder.toggle((video) => download(video, fileName));
      actions.setRecording(recorder.recording);
    },
    share(next) {
      history.replaceState(null, '', encodeSetup(next));
      void navigator.clipboard?.writeText(location.href).catch(() => undefined);
    },
  };

  const opening = await openingGenome(setup, problems);
  const { genome, preset } = opening;
  const K = expertCount(genome);
  // The link's regulation was relative to the genome it could not give: none of it applies to the default.
  if (!opening.linkRegulationApplies)
    Object.assign(setup, { params: {}, knockouts: undefined, environment: undefined });
  let params: RegulationOverrides = { ...setup.params, ...(setup.knockouts ? { knockouts: setup.knockouts } : {}) };
  try {
    resolveParams({ ...genome.regulation, ...params }, K, 'URL');
  } catch (error) {
    problems.push((error as Error).message);
    params = Object.fromEntries(
      PARAMETER_NAMES.filter((n) => setup.params[n] !== undefined).map((n) => [n, setup.params[n]]),
    );
  }
  const resize = () => {
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.max(1, Math.round(canvas.clientWidth * dpr));
    canvas.height = Math.max(1, Math.round(canvas.clientHeight * dpr));
  };
  resize();
  const width = setup.width ?? DEFAULT_SIZE,
    height = setup.height ?? DEFAULT_SIZE;
  let gpu: GpuSession;
  try {
    const environment =
      setup.environment !== undefined && environmentChannels(genome).length > 0 ? setup.environment : 0;
    if (setup.environment !== undefined && environment !== setup.environment)
      problems.push(`URL: field environment: ${opening.label} reads no environment signal`);
    gpu = createGpuSession(canvas, { genome, width, height, seed: setup.seed ?? randomSeed(), params, environment });
  } catch (error) {
    banner.show((error as Error).message);
    return;
  }
  app = createApp(
    canvas,
    ui,
    {
      genome,
      preset,
      label: opening.label,
      fileText: opening.fileText,
      view: setup.view ?? { mode: 'phenotype', index: 0 },
      tool: { ...toolbar.settings },
      playing: true,
      camera: setup.camera ?? fitCamera(width, height, canvas.width, canvas.height),
      cameraMoved: setup.camera !== undefined,
    },
    gpu,
  );
  const running = app;
  toolbar.setGenomeSizes(K, genome.architecture.morphogens);
  ui.picker.showCurrent(opening.label, preset !== null);
  ui.plots.restart(K);
  if (setup.strokes !== undefined || setup.at !== undefined) {
    // The grid the link was taken of: its strokes replayed at their steps, grown to the link's step.
    // It opens paused there: the moment that was shared, until the user runs it.
    try {
      running.replay(setup.strokes !== undefined ? await unpackStrokes(setup.strokes) : [], setup.at ?? 0);
      running.model.playing = false;
    } catch (error) {
      problems.push(`${(error as Error).message}. The grid grows from one seed cell instead.`);
      await running.dispatch({ type: 'reset', newSeed: false });
    }
  }
  running.refresh();
  if (problems.length) banner.show(problems.join('\n'));

  const frames = createFrameLoop({
    advance: running.advance,
    draw: running.draw,
    measure: (stats) => health.check(running.measure(stats)),
  });
  loop = frames;
  const health = watchHealth(canvas, running, banner, frames);
  new ResizeObserver(() => {
    resize();
    running.onCanvasResize();
    frames.invalidate();
  }).observe(canvas);
  const inspector = createInspector(byId('inspector'));
  let lastInspect = 0;
  attachPointer({
    canvas,
    emit,
    tool: () => toolbar.settings.tool,
    hover(at, dragging) {
      cursor.hidden = !at || toolbar.settings.tool === 'pan';
      if (!at) {
        inspector.show(null);
        running.overlays.setInspected(null);
        return;
      }
      // Reading the GPU waits for all the work queued before it: at most ten cell reads a second, and none
      // while painting (issue 11: it made each pointer event of a stroke wait for the GPU).
      if (!dragging && performance.now() - lastInspect > 100) {
        lastInspect = performance.now();
        const scale = canvas.width / Math.max(1, canvas.clientWidth);
        inspector.show(running.inspect(at.x * scale, at.y * scale));
      }
      const r = Math.max(
        2,
        ((toolbar.settings.radius + 0.5) * running.model.camera.zoom) / (window.devicePixelRatio || 1),
      );
      Object.assign(cursor.style, {
        left: `${at.x - r}px`,
        top: `${at.y - r}px`,
        width: `${2 * r}px`,
        height: `${2 * r}px`,
      });
    },
  });
  attachKeyboard({
    emit,
    playing: () => running.model.playing,
    selectTool: toolbar.selectTool,
    brushRadius: (d) => toolbar.setRadius(toolbar.settings.radius + d),
    view: (mode) => emit({ type: 'view', view: { mode, index: 0 } }),
    help: help.toggle,
    closeOverlays: () => {
      help.close();
      about.close();
    },
  });
  document.body.dataset.ready = 'true';
}

void main();
