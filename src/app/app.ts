/**
 * The app controller: owns the setup (genome, grid, seed, camera, view, tool) and the GPU session, and
 * applies the ui's events to them (each by its handler, event-handlers.ts). The ui only emits events and
 * shows what it is given.
 */
import { expertCount } from '../model/genome.ts';
import { environmentChannels } from '../model/morphogen-fields.ts';
import { PARAMETER_NAMES, resolveParams, type ScalarParams } from '../model/params.ts';
import type { UiEvent } from '../ui/events.ts';
import type { CellReport } from '../ui/inspector.ts';
import { ALIVE_THRESHOLD } from '../model/state.ts';
import type { FrameStats } from '../ui/readout.ts';
import type { Setup } from '../ui/url-state.ts';
import { fitCamera, screenToCell } from '../view/camera.ts';
import type { AppModel } from './app-context.ts';
import { eventHandlers } from './event-handlers.ts';
import { createGpuSession, type GpuSession } from './gpu-session.ts';
import { createStrokes, recordStrokes } from './strokes.ts';
import { createStrokeJournal, replayJournal } from './stroke-journal.ts';
import type { JournalOp } from '../model/journal-ops.ts';
import { createPaintedRegions } from './painted-regions.ts';
import { createOverlayScene } from '../view/overlay-scene.ts';
import { downloadStem } from './file-names.ts';
import { createCloneLabels } from './clone-labels.ts';
import type { AppUi } from './ui.ts';

export { DEFAULT_SIZE, randomSeed } from './grid-defaults.ts';

export function createApp(canvas: HTMLCanvasElement, ui: AppUi, model: AppModel, gpu: GpuSession) {
  const painted = createPaintedRegions();
  const journal = createStrokeJournal();
  const strokes = recordStrokes(recordStrokes(createStrokes(), painted), journal);
  const cloneLabels = createCloneLabels();
  /** What the overlays show; kept here, so a GPU session rebuilt after a context loss shows it again. */
  const overlays = createOverlayScene();
  const sim = () => gpu.sim;
  const size = () => ({ w: canvas.width, h: canvas.height });

  function refresh(): void {
    const s = sim();
    ui.panel.show({
      params: s.params as ScalarParams,
      knockouts: s.params.knockouts,
      view: model.view,
      environment: environmentChannels(model.genome).length > 0 ? s.environment : null,
      sizes: { experts: s.sizes.experts, channels: s.sizes.channels, morphogens: s.sizes.morphogens },
    });
    ui.legend(model.view, s.sizes.experts, model.genome.metadata.name);
    ui.transport.setPlaying(model.playing);
    ui.transport.setGridSize(s.width, s.height);
    ui.invalidate();
  }

  function fit(): void {
    model.camera = fitCamera(sim().width, sim().height, size().w, size().h);
    model.cameraMoved = false;
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

  const fileStem = () => downloadStem(model.label, sim().stepCount);

  /** The share link's setup: the parameters that differ from the genome's own regulation, and the rest. */
  function setup(): Setup {
    const s = sim();
    const own = resolveParams(model.genome.regulation, expertCount(model.genome), model.label) as ScalarParams;
    const current = s.params as ScalarParams;
    const params: Setup['params'] = Object.fromEntries(
      PARAMETER_NAMES.filter((n) => current[n] !== own[n]).map((n) => [n, current[n]]),
    );
    return {
      preset: model.preset ?? undefined,
      seed: s.seed,
      width: s.width,
      height: s.height,
      params,
      knockouts: s.params.knockouts,
      view: model.view,
      camera: model.camera,
      ...(environmentChannels(model.genome).length > 0 ? { environment: s.environment } : {}),
    };
  }

  const handlers = eventHandlers({
    model,
    ui,
    gpu: () => gpu,
    sim,
    strokes,
    journal,
    cloneLabels,
    size,
    cellAt,
    fit,
    forgetHistory,
    setup,
    fileStem,
  });
  /** The event's own handler: TypeScript cannot pair a union's member with its entry of the table. */
  const handle = (event: UiEvent) => (handlers[event.type] as (e: UiEvent) => void | Promise<void>)(event);

  return {
    model,
    get gpu() {
      return gpu;
    },
    set gpu(next: GpuSession) {
      gpu = next;
    },
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
    onCanvasResize(): void {
      if (!model.cameraMoved) fit();
    },
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
      const x = Math.floor(fx),
        y = Math.floor(fy);
      const inside = x >= 0 && y >= 0 && x < sim().width && y < sim().height;
      overlays.setInspected(inside ? { x, y } : null);
      if (!inside) return null;
      const cell = sim().readCell(x, y);
      let type = -1;
      cell.expression.forEach((e, k) => {
        if (e > (type < 0 ? 0 : cell.expression[type])) type = k;
      });
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
        genome: model.genome,
        width: sim().width,
        height: sim().height,
        seed: sim().seed,
        params: sim().params,
        state,
        environment: sim().environment,
      }),
  };
}

export type App = ReturnType<typeof createApp>;
