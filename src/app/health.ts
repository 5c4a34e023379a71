/**
 * Keeping the simulation healthy: a state snapshot every few seconds (the restore point after a WebGL
 * context loss, and a scan for NaN/Infinity that the metrics cannot see: a NaN alpha counts as dead),
 * non-finite metrics caught every measure, and the context rebuilt from the snapshot when it returns.
 */
import type { GpuMetrics } from '../engine/metrics-program.ts';
import type { CellState } from '../model/state.ts';
import type { Banner } from '../ui/banner.ts';
import type { App } from './app.ts';
import type { FrameLoop } from './frame-loop.ts';
import { destroyGpuSession } from './gpu-session.ts';

const SNAPSHOT_EVERY_MS = 4000;

function finiteState(state: CellState): boolean {
  for (const array of [state.state, state.marks])
    for (let i = 0; i < array.length; i++) if (!Number.isFinite(array[i])) return false;
  return true;
}

export function watchHealth(canvas: HTMLCanvasElement, app: App, banner: Banner, loop: FrameLoop) {
  let snapshot: CellState | null = null;
  let lastSnapshot = 0;
  let diverged = false;
  let lost = false;

  const divergence = () => {
    if (diverged) return;
    diverged = true;
    app.model.playing = false;
    app.refresh();
    banner.show(
      'The simulation diverged: some cells hold NaN or Infinity (try a lower temperature, noise or fire rate).',
      {
        label: 'Reset',
        run: () => {
          diverged = false;
          app.model.playing = true;
          void app.dispatch({ type: 'reset', newSeed: false });
        },
      },
    );
  };

  canvas.addEventListener('webglcontextlost', (event) => {
    event.preventDefault(); // tells the browser we will restore
    lost = true;
    loop.stop();
    banner.show('The GPU context was lost; waiting for it to come back to restore the last snapshot…');
  });
  canvas.addEventListener('webglcontextrestored', () => {
    destroyGpuSession(app.gpu);
    try {
      app.gpu = app.createSession(snapshot ?? undefined);
      banner.show(`GPU context restored from the snapshot at step ${snapshot?.step ?? 0}.`);
    } catch (error) {
      banner.show(`Could not restore after the context loss: ${(error as Error).message}`);
      return;
    }
    lost = false;
    loop.start();
    app.refresh();
  });

  return {
    /** Called with each measure; returns nothing, shows the banner and pauses on divergence. */
    check(metrics: GpuMetrics): void {
      if (lost) return;
      if (
        !Number.isFinite(metrics.meanPotency)
        || !Number.isFinite(metrics.activeParamFraction)
        || !Number.isFinite(metrics.aliveCount)
      ) {
        divergence();
        return;
      }
      const now = performance.now();
      if (now - lastSnapshot < SNAPSHOT_EVERY_MS) return;
      lastSnapshot = now;
      const state = app.gpu.sim.readState();
      if (finiteState(state)) {
        snapshot = state;
        diverged = false;
      } else divergence();
    },
  };
}
