/**
 * The view's one GPU pass: draws the engine's cells atlas into the visible canvas through the camera.
 * It shares the engine's regl context (textures cannot cross WebGL contexts), reads the engine's
 * textures and never writes them, so a frame costs no CPU round trip.
 */
import { FULL_SCREEN } from '../gpu/full-screen.ts';
import type REGL from 'regl';
import renderSource from '../../kernels/render.glsl?raw';
import { atlasUniform } from '../gpu/atlas.ts';
import { fragmentSource } from '../gpu/pass.ts';
import {
  ALIVE_DARK,
  BACKGROUND,
  CLONE_COLOURS,
  CLONELESS_GREY,
  EXPERT_COLOURS,
  HEAT_RAMP,
  KNOCKOUT_STRIPE,
  KNOCKOUT_STRIPE_PIXELS,
  POTENCY_RAMP,
  SIGNED_RAMP,
  SILENT_GREY,
  type Rgb,
} from '../model/palette.ts';
import { glslColour, glslFloat } from '../gpu/shared-defines.ts';
import type { Simulation } from '../engine/simulation.ts';
import { screenToCellMatrix, type Camera } from './camera.ts';
import { RENDER_MODE_NAMES, RENDER_MODES, type ViewSettings } from './render-modes.ts';

/** Around the grid: a shade darker than the paper, so the grid's edge shows. */
const OUTSIDE: Rgb = [0xe4, 0xe1, 0xd8];

interface RenderProps {
  sim: Simulation;
  camera: Camera;
  view: ViewSettings;
  width: number;
  height: number;
}

const unit = (c: Rgb) => [c[0] / 255, c[1] / 255, c[2] / 255];

/** The render modes' numbers and the view's colours, from their TypeScript declarations. */
const VIEW_DEFINES: Record<string, string> = {
  ...Object.fromEntries(
    RENDER_MODE_NAMES.map((mode) => [`MODE_${mode.toUpperCase()}`, glslFloat(RENDER_MODES[mode].code)]),
  ),
  HEAT_LOW: glslColour(HEAT_RAMP[0]),
  HEAT_MIDDLE: glslColour(HEAT_RAMP[1]),
  HEAT_HIGH: glslColour(HEAT_RAMP[2]),
  SIGNED_NEGATIVE: glslColour(SIGNED_RAMP.negative),
  SIGNED_POSITIVE: glslColour(SIGNED_RAMP.positive),
  KNOCKOUT_COLOUR: glslColour(KNOCKOUT_STRIPE),
  KNOCKOUT_STRIPE_PIXELS: glslFloat(KNOCKOUT_STRIPE_PIXELS),
  ALIVE_COLOUR: glslColour(ALIVE_DARK),
  CLONELESS_COLOUR: glslColour(CLONELESS_GREY),
  POTENCY_PLURIPOTENT: glslFloat(POTENCY_RAMP.pluripotent / 255),
  POTENCY_COMMITTED: glslFloat(POTENCY_RAMP.committed / 255),
};

function definesFor(sim: Simulation) {
  const s = sim.sizes;
  return {
    STATE_SLOTS: s.stateSlots,
    MARK_SLOTS: s.markSlots,
    EXPERTS: s.experts,
    MORPHOGENS: s.morphogens,
    ...VIEW_DEFINES,
  };
}

export interface Renderer {
  draw(sim: Simulation, camera: Camera, view: ViewSettings): void;
}

export function createRenderer(regl: REGL.Regl): Renderer {
  let compiled: { key: string; command: (props: RenderProps) => void } | null = null;

  const compile = (sim: Simulation) => {
    const defines = definesFor(sim);
    const uniforms: Record<string, unknown> = {
      u_grid: (_: unknown, p: RenderProps) => [p.sim.width, p.sim.height],
      u_cells: (_: unknown, p: RenderProps) => p.sim.cellsBuffer.texture,
      u_cellsLayout: (_: unknown, p: RenderProps) => atlasUniform(p.sim.cellsBuffer.layout),
      u_fields: (_: unknown, p: RenderProps) => p.sim.fieldsBuffer.texture,
      u_fieldsLayout: (_: unknown, p: RenderProps) => atlasUniform(p.sim.fieldsBuffer.layout),
      u_screenToCell: (_: unknown, p: RenderProps) => Array.from(screenToCellMatrix(p.camera, p.width, p.height)),
      u_canvasHeight: (_: unknown, p: RenderProps) => p.height,
      u_mode: (_: unknown, p: RenderProps) => RENDER_MODES[p.view.mode].code,
      u_index: (_: unknown, p: RenderProps) => p.view.index,
      u_background: unit(BACKGROUND),
      u_silent: unit(SILENT_GREY),
      u_outside: unit(OUTSIDE),
    };
    EXPERT_COLOURS.forEach((c, i) => {
      uniforms[`u_palette[${i}]`] = unit(c);
    });
    CLONE_COLOURS.forEach((c, i) => {
      uniforms[`u_clonePalette[${i}]`] = unit(c);
    });
    // regl's typings cannot express these prop-driven uniforms; regl checks the config when it compiles.
    const command = regl({
      ...FULL_SCREEN,
      frag: fragmentSource(renderSource, defines),
      framebuffer: null,
      uniforms,
      viewport: (_: unknown, p: RenderProps) => ({ x: 0, y: 0, width: p.width, height: p.height }),
    } as unknown as REGL.DrawConfig) as unknown as (props: RenderProps) => void;
    return { key: JSON.stringify(defines), command };
  };

  return {
    draw(sim, camera, view) {
      // The defines follow the genome's sizes: a new genome of another shape needs its own shader.
      if (!compiled || compiled.key !== JSON.stringify(definesFor(sim))) compiled = compile(sim);
      const { drawingBufferWidth: width, drawingBufferHeight: height } = regl._gl;
      compiled.command({ sim, camera, view, width, height });
    },
  };
}
