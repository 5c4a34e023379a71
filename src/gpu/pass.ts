/**
 * Every GPU pass has one shape: a fragment shader run over the whole target atlas by one triangle, compiled
 * once, fed each step by props. A step is an ordered list of these; timing and debug views of every
 * intermediate buffer come from that one shape.
 */
import { FULL_SCREEN } from './full-screen.ts';
import type REGL from 'regl';
import prelude from '../../kernels/prelude.glsl?raw';
import { SHARED_DEFINES } from './shared-defines.ts';
import type { GpuBuffer } from './buffer.ts';
import { unrollLoops } from './unroll.ts';

/** `#define NAME VALUE` lines: sizes, flags, and constant expressions such as a mat3(...). */
export type Defines = Record<string, number | string>;
export type UniformValue = number | number[] | REGL.Texture2D;
export type Uniforms<Props> = Record<string, (props: Props) => UniformValue>;

export interface PassSpec<Props> {
  name: string;
  /** The pass's GLSL (kernels/NAME.glsl); the prelude and the defines go above it. */
  source: string;
  defines: Defines;
  /** GLSL written for this genome (src/engine/kernel-code.ts), put where the source says `// @generated`. */
  generated?: string;
  uniforms: Uniforms<Props>;
  /** Uniform arrays (`uniform float NAME[length]`): regl sets them element by element. */
  arrays?: Record<string, { length: number; value: (props: Props) => number[] }>;
  /** The buffer this pass writes, chosen per step (ping-pong targets change). */
  target: (props: Props) => GpuBuffer;
  /**
   * How many leading slots of the target to draw this step (default all): the draw covers the smallest
   * rectangle of tiles that holds them, and the slots outside it keep what they held.
   */
  slots?: (props: Props) => number;
}

export interface Pass<Props> {
  name: string;
  target: (props: Props) => GpuBuffer;
  run: (props: Props) => void;
}

const GENERATED = /^[ \t]*\/\/ @generated\b.*$/m;

/**
 * The shared defines (shared-defines.ts), the pass's defines, the prelude and the pass's source, with
 * `generated` GLSL in place of the source's `// @generated` line and its `// unroll` loops unrolled
 * (unroll.ts). A marker without code, or code without a marker, is an error.
 */
export function fragmentSource(source: string, defines: Defines, generated?: string): string {
  const all = { ...SHARED_DEFINES, ...defines };
  const lines = Object.entries(all).map(([name, value]) => `#define ${name} ${value}`);
  const marked = GENERATED.test(source);
  if (marked !== (generated !== undefined)) {
    throw new Error(
      marked
        ? 'fragmentSource: the kernel marks // @generated code, but none was given'
        : 'fragmentSource: generated code given, but the kernel has no // @generated line',
    );
  }
  const body = generated === undefined ? source : source.replace(GENERATED, () => generated);
  return unrollLoops(`${lines.join('\n')}\n${prelude}\n${body}`, all);
}

export function createPass<Props>(regl: REGL.Regl, spec: PassSpec<Props>): Pass<Props> {
  const uniforms: Record<string, unknown> = {
    u_grid: (_: unknown, props: Props) => {
      const { layout } = spec.target(props);
      return [layout.width, layout.height];
    },
    u_targetLayout: (_: unknown, props: Props) => {
      const { layout } = spec.target(props);
      return [layout.tilesX, layout.tilesY, layout.textureWidth, layout.textureHeight];
    },
  };
  for (const [name, value] of Object.entries(spec.uniforms))
    uniforms[name] = (_: unknown, props: Props) => value(props);
  for (const [name, array] of Object.entries(spec.arrays ?? {})) {
    for (let i = 0; i < array.length; i++)
      uniforms[`${name}[${i}]`] = (_: unknown, props: Props) => array.value(props)[i];
  }
  // regl's typings cannot express props chosen per pass; the config is checked by regl at compile time.
  const command = regl({
    ...FULL_SCREEN,
    frag: fragmentSource(spec.source, spec.defines, spec.generated),
    uniforms,
    framebuffer: (_: unknown, props: Props) => spec.target(props).framebuffer,
    viewport: (_: unknown, props: Props) => {
      const { layout } = spec.target(props);
      if (!spec.slots) return { x: 0, y: 0, width: layout.textureWidth, height: layout.textureHeight };
      const slots = Math.min(layout.slots, spec.slots(props));
      const columns = Math.min(slots, layout.tilesX),
        rows = Math.ceil(slots / layout.tilesX);
      return { x: 0, y: 0, width: columns * layout.width, height: rows * layout.height };
    },
  } as unknown as REGL.DrawConfig) as unknown as (props: Props) => void;
  return { name: spec.name, target: spec.target, run: (props) => command(props) };
}
