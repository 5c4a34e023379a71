/**
 * What the panels show of the app: the settings after each event (parameters, legend, transport), and the
 * measures of the grid at each measurement (readout, plots, the fates of the clones and their outlines).
 */
import type { GpuMetrics } from '../engine/metrics-program.ts';
import type { Simulation } from '../engine/simulation.ts';
import { environmentChannels } from '../model/morphogen-fields.ts';
import type { ScalarParams } from '../model/params.ts';
import { ALIVE_THRESHOLD } from '../model/state.ts';
import type { CellReport } from '../ui/inspector.ts';
import type { FrameStats } from '../ui/readout.ts';
import type { OverlayScene } from '../view/overlay-scene.ts';
import type { AppModel } from './app-context.ts';
import type { CloneLabels } from './clone-labels.ts';
import type { AppUi } from './ui.ts';

export function showSettings(ui: AppUi, model: AppModel, sim: Simulation): void {
  ui.panel.show({
    params: sim.params as ScalarParams,
    knockouts: sim.params.knockouts,
    view: model.view,
    environment: environmentChannels(model.genome).length > 0 ? sim.environment : null,
    sizes: { experts: sim.sizes.experts, channels: sim.sizes.channels, morphogens: sim.sizes.morphogens },
  });
  ui.legend(model.view, sim.sizes.experts, model.genome.metadata.name);
  ui.transport.setPlaying(model.playing);
  ui.transport.setGridSize(sim.width, sim.height);
  ui.invalidate();
}

/** Measures the grid and shows it; the clones are followed as often (a readback: not every frame). */
export function showMeasures(
  ui: AppUi,
  sim: Simulation,
  stats: FrameStats,
  clones: { labels: CloneLabels; overlays: OverlayScene },
): GpuMetrics {
  const metrics = sim.metrics();
  // That waited for the GPU: the next stroke's undo point gets its textures now, not at its first event.
  sim.prepareSnapshot();
  ui.readout.show(metrics, stats);
  ui.plots.push(metrics);
  if (sim.tracing) {
    const fates = sim.cloneMetrics();
    ui.fates.push(metrics.step, fates);
    clones.labels.observe(fates.map((c) => c.label));
    clones.overlays.setClones(sim.readClones());
  } else clones.overlays.setClones(null);
  return metrics;
}

/** The inspector's report of cell (x, y), read from the GPU. */
export function cellReport(sim: Simulation, x: number, y: number): CellReport {
  const cell = sim.readCell(x, y);
  let type = -1;
  cell.expression.forEach((e, k) => {
    if (e > (type < 0 ? 0 : cell.expression[type])) type = k;
  });
  return { x, y, type, alive: cell.state[3] > ALIVE_THRESHOLD, ...cell };
}
