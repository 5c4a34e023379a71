/**
 * The app controller: owns the setup (genome, grid, seed, camera, view, tool) and the GPU session, and
 * applies the ui's events to them (each by its handler, event-handlers.ts). The ui only emits events and
 * shows what it is given (panels.ts).
 */
import type { JournalOp } from '../model/journal-ops.ts';
import type { CellState } from '../model/state.ts';
import type { UiEvent } from '../ui/events.ts';
import type { CellReport } from '../ui/inspector.ts';
import type { FrameStats } from '../ui/readout.ts';
import { fitCamera, screenToCell } from '../view/camera.ts';
import { createOverlayScene } from '../view/overlay-scene.ts';
import type { AppModel } from './app-context.ts';
import { eventDispatcher } from './event-handlers.ts';
import { downloadStem } from './file-names.ts';
import { nextGpuSession, type GpuSession } from './gpu-session.ts';
import { createGridHistory } from './grid-history.ts';
import { cellReport, showMeasures, showSettings } from './panels.ts';
import { shareSetup } from './share-link.ts';
import { replayJournal } from './stroke-journal.ts';
import type { AppUi } from './ui.ts';

export { DEFAULT_SIZE, randomSeed } from './grid-defaults.ts';

export function createApp(canvas: HTMLCanvasElement, ui: AppUi, model: AppModel, gpu: GpuSession) {
  const history = createGridHistory(ui);
  const { painted, journal, cloneLabels } = history;
  /** What the overlays show; kept here, so a GPU session rebuilt after a context loss shows it again. */
  const overlays = createOverlayScene();
  const sim = () => gpu.sim;
  const size = () => ({ w: canvas.width, h: canvas.height });
  const cellAt = (px: number, py: number) => screenToCell(model.camera, px, py, size().w, size().h);
  const refresh = () => showSettings(ui, model, sim());
  const setup = () => shareSetup(model, sim());
  const fit = () => {
    model.camera = fitCamera(sim().width, sim().height, size().w, size().h);
    model.cameraMoved = false;
  };
  const fileStem = () => downloadStem(model.label, sim().stepCount);
  const handle = eventDispatcher({ ...history, model, ui, gpu: () => gpu, sim, size, cellAt, fit, setup, fileStem });

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
      const [x, y] = cellAt(px, py).map(Math.floor);
      const inside = x >= 0 && y >= 0 && x < sim().width && y < sim().height;
      overlays.setInspected(inside ? { x, y } : null);
      return inside ? cellReport(sim(), x, y) : null;
    },
    measure: (stats: FrameStats) => showMeasures(ui, sim(), stats, { labels: cloneLabels, overlays }),
    /** A session that goes on from this one's simulation (after a context loss), from `state` if given. */
    createSession: (state?: CellState) => nextGpuSession(canvas, model.genome, sim(), state),
  };
}

export type App = ReturnType<typeof createApp>;
