/**
 * The brushes of src/model/brushes.ts on the GPU: each is one pass that copies the cells or the fields
 * atlas into its ping-pong partner, changing the cells under a disc.
 */
import type REGL from 'regl';
import brushSource from '../../kernels/brush.glsl?raw';
import { atlasUniform } from '../gpu/atlas.ts';
import type { GpuBuffer } from '../gpu/buffer.ts';
import { createPass } from '../gpu/pass.ts';
import type { Disc } from '../model/brushes.ts';
import type { EngineSizes } from './layouts.ts';

export const BRUSH_KINDS = {
  erase: 0,
  seed: 1,
  reprogram: 2,
  knockout: 3,
  liftKnockout: 4,
  force: 5,
  morphogen: 6,
  clone: 7,
  clearClones: 8,
} as const;
export type BrushKind = keyof typeof BRUSH_KINDS;

const FIELD_BRUSHES: ReadonlySet<BrushKind> = new Set([
  'knockout',
  'liftKnockout',
  'force',
  'morphogen',
  'clone',
  'clearClones',
]);

export interface BrushProps {
  source: GpuBuffer;
  target: GpuBuffer;
  /** The current cells: the clone brush reads which cells live. */
  cells: GpuBuffer;
  kind: BrushKind;
  disc: Disc;
  value: number;
  channel: number;
}

export function isFieldBrush(kind: BrushKind): boolean {
  return FIELD_BRUSHES.has(kind);
}

export function createBrushProgram(regl: REGL.Regl, sizes: EngineSizes) {
  const build = (targetFields: boolean) =>
    createPass<BrushProps>(regl, {
      name: targetFields ? 'brush-fields' : 'brush-cells',
      source: brushSource,
      defines: {
        TARGET_FIELDS: targetFields ? 1 : 0,
        STATE_SLOTS: sizes.stateSlots,
        MARK_SLOTS: sizes.markSlots,
        EXPERTS: sizes.experts,
        CHANNELS: sizes.channels,
      },
      uniforms: {
        u_source: (p) => p.source.texture,
        u_cells: (p) => p.cells.texture,
        u_cellsLayout: (p) => atlasUniform(p.cells.layout),
        u_sourceLayout: (p) => atlasUniform(p.source.layout),
        u_center: (p) =>
          [Math.round(p.disc.x), Math.round(p.disc.y)].map((v, i) => {
            const side = i === 0 ? p.source.layout.width : p.source.layout.height;
            return ((v % side) + side) % side;
          }),
        u_radius: (p) => Math.max(0, p.disc.radius),
        u_kind: (p) => BRUSH_KINDS[p.kind],
        u_value: (p) => p.value,
        u_channel: (p) => p.channel,
      },
      target: (p) => p.target,
    });
  const cells = build(false);
  const fields = build(true);
  return {
    paint(props: BrushProps): void {
      (isFieldBrush(props.kind) ? fields : cells).run(props);
    },
  };
}
