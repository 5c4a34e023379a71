/**
 * The GPU side of the app: one regl context on the visible canvas, the simulation, the view's render
 * pass and the overlay layer on it. Rebuilt whole after a WebGL context loss, from the last state snapshot.
 */
import type REGL from 'regl';
import { createSimulation, type Simulation } from '../engine/simulation.ts';
import { createEngineRegl } from '../gpu/create-regl.ts';
import type { Genome } from '../model/genome.ts';
import type { RegulationOverrides } from '../model/params.ts';
import type { CellState } from '../model/state.ts';
import { createOverlayLayer, type OverlayLayer } from '../view/overlay-layer.ts';
import { createRenderer, type Renderer } from '../view/renderer.ts';

export interface GpuSession {
  regl: REGL.Regl;
  sim: Simulation;
  renderer: Renderer;
  overlay: OverlayLayer;
}

export interface SessionConfig {
  genome: Genome;
  width: number;
  height: number;
  seed: number;
  params: RegulationOverrides;
  state?: CellState;
  environment?: number;
}

export function createGpuSession(canvas: HTMLCanvasElement, config: SessionConfig): GpuSession {
  const regl = createEngineRegl(canvas);
  try {
    const sim = createSimulation({ regl, ...config });
    const overlay = createOverlayLayer(regl);
    overlay.ready.catch((error: Error) => console.warn(`Overlays are off: ${error.message}`));
    return { regl, sim, renderer: createRenderer(regl), overlay };
  } catch (error) {
    regl.destroy();
    throw error;
  }
}

/** A new session going on from `sim` (its grid, seed, parameters and environment), from `state` if given. */
export function nextGpuSession(
  canvas: HTMLCanvasElement,
  genome: Genome,
  sim: Simulation,
  state?: CellState,
): GpuSession {
  const { width, height, seed, params, environment } = sim;
  return createGpuSession(canvas, { genome, width, height, seed, params, state, environment });
}

/** A new simulation of another grid size on the same context (the old one is destroyed). */
export function resizeSimulation(session: GpuSession, config: SessionConfig): void {
  const sim = createSimulation({ regl: session.regl, ...config });
  session.sim.destroy();
  session.sim = sim;
}

export function destroyGpuSession(session: GpuSession): void {
  try {
    session.overlay.destroy();
    session.sim.destroy();
    session.regl.destroy();
  } catch {
    /* a lost context has nothing left to free */
  }
}
