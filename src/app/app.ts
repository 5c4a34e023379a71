/**
 * The app controller: owns the setup (genome, grid, seed, camera, view, tool) and the GPU session, and
 * applies the ui's events to them. The ui only emits events and shows what it is given.
 */
import { expertCount, type Genome } from '../model/genome.ts';
import { parseGenome } from '../model/genome-file.ts';
import { environmentChannels } from '../model/morphogen-fields.ts';
import { SEED_MAX } from '../model/hash.ts';
import { PARAMETER_NAMES, resolveParams, type ScalarParams } from '../model/params.ts';
import type { UiEvent, ToolSettings } from '../ui/events.ts';
import type { CellReport } from '../ui/inspector.ts';
import { ALIVE_THRESHOLD } from '../model/state.ts';
import type { FrameStats } from '../ui/readout.ts';
import type { Setup } from '../ui/url-state.ts';
import { fitCamera, panCamera, screenToCell, zoomCamera, type Camera } from '../view/camera.ts';
import type { ViewSettings } from '../view/render-modes.ts';
import { createGpuSession, resizeSimulation, type GpuSession } from './gpu-session.ts';
import { loadPreset } from './presets.ts';
import { parseState, serializeState } from '../model/state-file.ts';
import { createStrokes } from './strokes.ts';
import { linkSetup, withHistory } from './share-link.ts';
import { createStrokeJournal, replayJournal, trackJournal } from './stroke-journal.ts';
import type { JournalOp } from '../model/journal-ops.ts';
import { createPaintedRegions, trackPaint } from './painted-regions.ts';
import { createOverlayScene } from '../view/overlay-scene.ts';
import { downloadStem } from './file-names.ts';
import { createCloneLabels } from './clone-labels.ts';
import type { AppUi } from './ui.ts';

export const DEFAULT_SIZE = 96;

export const randomSeed = () => Math.floor(Math.random() * SEED_MAX);

export interface AppModel {
  genome: Genome;
  /** A preset key, or null for a local file. */
  preset: string | null;
  label: string;
  /** The local file's text (absent or null for a preset): a share link carries it. */
  fileText?: string | null;
  camera: Camera;
  /** True once the user moved the camera: until then it follows the canvas size. */
  cameraMoved: boolean;
  view: ViewSettings;
  tool: ToolSettings;
  playing: boolean;
}

export function createApp(canvas: HTMLCanvasElement, ui: AppUi, model: AppModel, gpu: GpuSession) {
  const painted = createPaintedRegions();
  const journal = createStrokeJournal();
  const strokes = trackJournal(trackPaint(createStrokes(), painted), journal);
  const cloneLabels = createCloneLabels();
  /** What the overlays show; kept here, so a GPU session rebuilt after a context loss shows it again. */
  const overlays = createOverlayScene();
  const sim = () => gpu.sim;
  const size = () => ({ w: canvas.width, h: canvas.height });

  function refresh(): void {
    const s = sim();
    ui.panel.show({ params: s.params as ScalarParams, knockouts: s.params.knockouts, view: model.view,
      environment: environmentChannels(model.genome).length > 0 ? s.environment : null,
      sizes: { experts: s.sizes.experts, channels: s.sizes.channels, morphogens: s.sizes.morphogens } });
    ui.legend(model.view, s.sizes.experts, model.genome.metadata.name);
    ui.transport.setPlaying(model.playing);
    ui.transport.setGridSize(s.width, s.height);
    ui.invalidate();
  }

  function fit(): void {
    model.camera = fitCamera(sim().width, sim().height, size().w, size().h);
    model.cameraMoved = false;
  }

  function switchGenome(text: string, fileName: string, preset: string | null): void {
    const genome = parseGenome(text, fileName); // throws naming the file and field: nothing changed yet
    sim().setGenome(genome);
    sim().reset();
    Object.assign(model, { genome, preset, label: preset ?? fileName, fileText: preset === null ? text : null });
    if (model.view.index >= expertCount(genome)) model.view = { mode: model.view.mode, index: 0 };
    forgetHistory();
    ui.toolbar.setGenomeSizes(expertCount(genome), genome.architecture.morphogens);
    ui.picker.showCurrent(model.label, preset !== null);
    ui.plots.restart(expertCount(genome));
    ui.banner.hide();
  }

  /** The grid starts over (reset, another genome, another size, an import): no stroke to undo, no clone to follow. */
  function forgetHistory(): void {
    strokes.clear();
    cloneLabels.clear();
    ui.fates.clear();
  }

  function cellAt(px: number, py: number): [number, number] {
    return screenToCell(model.camera, px, py, size().w, size().h);
  }

  function importState(text: string, name: string): void {
    const state = parseState(text, name);
    const arch = model.genome.architecture;
    if (state.channels !== arch.channels || state.experts !== expertCount(model.genome) || state.morphogenCount !== arch.morphogens) {
      throw new Error(`${name}: a state of ${state.channels} channels, ${state.experts} experts and ${state.morphogenCount} morphogens does not fit ${model.label} (${arch.channels}, ${expertCount(model.genome)}, ${arch.morphogens}); open its genome first`);
    }
    if (state.width !== sim().width || state.height !== sim().height) {
      resizeSimulation(gpu, { genome: model.genome, width: state.width, height: state.height, seed: sim().seed, params: sim().params, state, environment: sim().environment });
      fit();
    } else sim().loadState(state);
    forgetHistory();
    journal.lose(`it was loaded from ${name}, which a link cannot carry`);
  }

  async function handle(event: UiEvent): Promise<void> {
    const s = sim();
    switch (event.type) {
      case 'param': s.setParams({ [event.name]: event.value }); break;
      case 'globalKnockout': {
        const rest = s.params.knockouts.filter((k) => k !== event.expert);
        s.setParams({ knockouts: event.on ? [...rest, event.expert].sort((a, b) => a - b) : rest });
        break;
      }
      case 'environment': s.setEnvironment(event.value); break;
      case 'play': model.playing = event.playing; break;
      case 'step': s.step(1); model.playing = false; break;
      case 'reset': s.reset(event.newSeed ? randomSeed() : s.seed); forgetHistory(); ui.plots.restart(s.sizes.experts); break;
      case 'view': model.view = event.view; break;
      case 'tool': model.tool = event.settings; break;
      case 'stroke': {
        const [x, y] = cellAt(event.px, event.py);
        if (event.phase === 'start') strokes.start(s, model.tool, x, y, model.tool.tool === 'clone' ? cloneLabels.next() : 0);
        else if (event.phase === 'move') strokes.move(s, model.tool, x, y);
        else strokes.end();
        break;
      }
      case 'pan': model.camera = panCamera(model.camera, event.dx, event.dy); model.cameraMoved = true; break;
      case 'zoom': model.camera = zoomCamera(model.camera, event.factor, event.px, event.py, size().w, size().h); model.cameraMoved = true; break;
      case 'fit': fit(); break;
      case 'undo': strokes.undo(s); break;
      case 'clearClones':
        if (!s.tracing) break;
        strokes.remember(s); // undo brings the clones back
        journal.record(s).clearClones();
        cloneLabels.clear();
        ui.fates.clear();
        break;
      case 'preset': { const { text, fileName } = await loadPreset(event.key); switchGenome(text, fileName, event.key); break; }
      case 'openFile': switchGenome(event.text, event.name, null); break;
      case 'importState': importState(event.text, event.name); break;
      case 'exportState': ui.download(new Blob([serializeState(s.readState(), model.genome.metadata.name)], { type: 'application/json' }), `${fileStem()}.state.json`); break;
      case 'snapshot': ui.snapshot(`${fileStem()}.png`); break;
      case 'share': {
        const history = await withHistory(setup(), { step: s.stepCount, journal: journal.ops() });
        const link = await linkSetup(history.setup, model.fileText ? { name: model.label, text: model.fileText } : null);
        ui.share(link.setup);
        const notices = [history.notice, link.notice].filter((n) => n !== null);
        if (notices.length) ui.banner.show(notices.join('\n'));
        break;
      }
      case 'record': ui.record(`${fileStem()}.webm`); break;
      case 'gridSize':
        resizeSimulation(gpu, { genome: model.genome, width: event.width, height: event.height, seed: s.seed, params: s.params, environment: s.environment });
        forgetHistory();
        ui.plots.restart(s.sizes.experts);
        fit();
        break;
    }
  }

  const fileStem = () => downloadStem(model.label, sim().stepCount);

  /** The share link's setup: the parameters that differ from the genome's own regulation, and the rest. */
  function setup(): Setup {
    const s = sim();
    const own = resolveParams(model.genome.regulation, expertCount(model.genome), model.label) as ScalarParams;
    const current = s.params as ScalarParams;
    const params: Setup['params'] = Object.fromEntries(PARAMETER_NAMES.filter((n) => current[n] !== own[n]).map((n) => [n, current[n]]));
    return { preset: model.preset ?? undefined, seed: s.seed, width: s.width, height: s.height, params,
      knockouts: s.params.knockouts, view: model.view, camera: model.camera,
      ...(environmentChannels(model.genome).length > 0 ? { environment: s.environment } : {}) };
  }

  return {
    model,
    get gpu() { return gpu; },
    set gpu(next: GpuSession) { gpu = next; },
    /** Applies one ui event; a failure shows its message in the banner and changes nothing more. */
    async dispatch(event: UiEvent): Promise<void> {
      try {
        await handle(event);
      } catch (error) {
        ui.banner.show((error as Error).message);
      }
      // A stroke changes only cells: the panels stay as they are, and the next frame measures.
      if (event.type !== 'stroke') refresh();
      else ui.invalidate();
    },
    refresh,
    fit,
    setup,
    onCanvasResize(): void { if (!model.cameraMoved) fit(); },
    advance(): number {
      if (!model.playing) return 0;
      const n = sim().params.stepsPerFrame;
      sim().step(n);
      return n;
    },
    draw(): void {
      gpu.renderer.draw(sim(), model.camera, model.view);
      overlays.setPaintedRegions(painted.masks());
      gpu.overlay.draw(overlays, { camera: model.camera, gridWidth: sim().width, gridHeight: sim().height });
    },
    overlays,
    /** Opening a link with strokes: grows the grid through them to step `until` (stroke-journal.ts). */
    replay(ops: readonly JournalOp[], until: number): void {
      replayJournal(sim(), journal, ops, until);
      ui.invalidate();
    },
    /** The cell under device pixel (px, py), read from the GPU; null outside the grid. */
    inspect(px: number, py: number): CellReport | null {
      const [fx, fy] = cellAt(px, py);
      const x = Math.floor(fx), y = Math.floor(fy);
      const inside = x >= 0 && y >= 0 && x < sim().width && y < sim().height;
      overlays.setInspected(inside ? { x, y } : null);
      if (!inside) return null;
      const cell = sim().readCell(x, y);
      let type = -1;
      cell.expression.forEach((e, k) => { if (e > (type < 0 ? 0 : cell.expression[type])) type = k; });
      return { x, y, type, alive: cell.state[3] > ALIVE_THRESHOLD, ...cell };
    },
    measure(stats: FrameStats) {
      const metrics = sim().metrics();
      // That waited for the GPU: the next stroke's undo point gets its textures now, not at its first event.
      sim().prepareSnapshot();
      ui.readout.show(metrics, stats);
      ui.plots.push(metrics);
      // Clones are followed as often as the readout (a readback: not every frame).
      if (sim().tracing) {
        const clones = sim().cloneMetrics();
        ui.fates.push(metrics.step, clones);
        cloneLabels.observe(clones.map((c) => c.label));
        overlays.setClones(sim().readClones());
      } else overlays.setClones(null);
      return metrics;
    },
    createSession: (state?: Parameters<typeof createGpuSession>[1]['state']) =>
      createGpuSession(canvas, {
        genome: model.genome, width: sim().width, height: sim().height, seed: sim().seed, params: sim().params, state, environment: sim().environment,
      }),
  };
}

export type App = ReturnType<typeof createApp>;
