/**
 * A grid copied on the GPU: the cells and painted-fields atlases into textures of their own, plus the step
 * count and whether clones were traced. Taking one costs a draw per atlas and no readback, so a brush stroke
 * can take its undo point without waiting for the GPU (issue 11: a readState() per stroke stalled it).
 */
import type REGL from 'regl';
import copySource from '../../kernels/copy.glsl?raw';
import { createBuffer, destroyBuffer, type GpuBuffer } from '../gpu/buffer.ts';
import type { GpuCapabilities } from '../gpu/capabilities.ts';
import { createPass } from '../gpu/pass.ts';

export interface GridSnapshot {
  cells: GpuBuffer;
  fields: GpuBuffer;
  step: number;
  tracing: boolean;
  /** Frees its textures (nothing to free once the context is lost). */
  discard(): void;
}

export function createSnapshotCopier(regl: REGL.Regl, caps: GpuCapabilities) {
  const copy = createPass<{ source: GpuBuffer; target: GpuBuffer }>(regl, {
    name: 'copy',
    source: copySource,
    defines: {},
    uniforms: { u_source: (p) => p.source.texture },
    target: (p) => p.target,
  });
  const sameShape = (a: GpuBuffer, b: GpuBuffer) =>
    a.layout.textureWidth === b.layout.textureWidth && a.layout.textureHeight === b.layout.textureHeight && a.layout.slots === b.layout.slots;

  return {
    take(cells: GpuBuffer, fields: GpuBuffer, step: number, tracing: boolean): GridSnapshot {
      const duplicate = (source: GpuBuffer) => {
        const target = createBuffer(regl, caps, `${source.name}-snapshot`, source.layout);
        copy.run({ source, target });
        return target;
      };
      const snapshot = { cells: duplicate(cells), fields: duplicate(fields), step, tracing };
      return { ...snapshot, discard() { try { destroyBuffer(snapshot.cells); destroyBuffer(snapshot.fields); } catch { /* a lost context */ } } };
    },
    /** Copies the snapshot's atlases into `cells` and `fields`; throws when their shapes differ. */
    restore(snapshot: GridSnapshot, cells: GpuBuffer, fields: GpuBuffer): void {
      if (!sameShape(snapshot.cells, cells) || !sameShape(snapshot.fields, fields)) {
        throw new Error('simulation restore: the snapshot was taken of a grid of another size or genome');
      }
      copy.run({ source: snapshot.cells, target: cells });
      copy.run({ source: snapshot.fields, target: fields });
    },
  };
}
