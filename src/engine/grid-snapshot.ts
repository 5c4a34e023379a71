/**
 * A grid copied on the GPU: the cells and painted-fields atlases into textures of their own, plus the step
 * count and whether clones were traced. Taking one costs a draw per atlas and no readback, so a brush stroke
 * can take its undo point without waiting for the GPU (issue 11: a readState() per stroke stalled it).
 * Creating a framebuffer checks its status, a round trip that waits for the GPU as a readback does; so the
 * textures of discarded snapshots are kept for the next, and `prepare` allocates them ahead, at a moment
 * the caller has just waited for the GPU anyway.
 */
import type REGL from 'regl';
import copySource from '../../kernels/copy.glsl?raw';
import { createBuffer, destroyBuffer, type GpuBuffer } from '../gpu/buffer.ts';
import type { GpuCapabilities } from '../gpu/capabilities.ts';
import { createPass } from '../gpu/pass.ts';

/** Two snapshots' worth (cells and fields each): what a full undo stack recycles, one stroke at a time. */
const SPARE_BUFFERS = 4;

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
    a.layout.textureWidth === b.layout.textureWidth
    && a.layout.textureHeight === b.layout.textureHeight
    && a.layout.slots === b.layout.slots;
  const fits = (buffer: GpuBuffer, like: GpuBuffer) => buffer.name === like.name && sameShape(buffer, like);
  const destroyQuietly = (buffer: GpuBuffer) => {
    try {
      destroyBuffer(buffer);
    } catch {
      /* a lost context has nothing left to free */
    }
  };
  /** Textures for the next snapshots: in steady state a stroke reuses the undo point that fell off the stack. */
  const spare: GpuBuffer[] = [];
  const free = (buffer: GpuBuffer) => {
    if (spare.length < SPARE_BUFFERS) spare.push(buffer);
    else destroyQuietly(buffer);
  };
  const allocate = (like: GpuBuffer) => {
    const i = spare.findIndex((buffer) => fits(buffer, like));
    return i >= 0 ? spare.splice(i, 1)[0] : createBuffer(regl, caps, like.name, like.layout);
  };

  return {
    take(cells: GpuBuffer, fields: GpuBuffer, step: number, tracing: boolean): GridSnapshot {
      const duplicate = (source: GpuBuffer) => {
        const target = allocate(source);
        copy.run({ source, target });
        return target;
      };
      const snapshot = { cells: duplicate(cells), fields: duplicate(fields), step, tracing };
      let discarded = false;
      return {
        ...snapshot,
        discard() {
          if (discarded) return;
          discarded = true;
          free(snapshot.cells);
          free(snapshot.fields);
        },
      };
    },
    /** Makes sure the next snapshot of these atlases finds its textures allocated. */
    prepare(cells: GpuBuffer, fields: GpuBuffer): void {
      // Spares shaped for another genome's atlases (setGenome changed them) would never be used again.
      for (const stale of spare.filter((buffer) => !fits(buffer, cells) && !fits(buffer, fields))) {
        spare.splice(spare.indexOf(stale), 1);
        destroyQuietly(stale);
      }
      for (const like of [cells, fields]) if (!spare.some((buffer) => fits(buffer, like))) spare.push(allocate(like));
    },
    /** Copies the snapshot's atlases into `cells` and `fields`; throws when their shapes differ. */
    restore(snapshot: GridSnapshot, cells: GpuBuffer, fields: GpuBuffer): void {
      if (!sameShape(snapshot.cells, cells) || !sameShape(snapshot.fields, fields)) {
        throw new Error('simulation restore: the snapshot was taken of a grid of another size or genome');
      }
      copy.run({ source: snapshot.cells, target: cells });
      copy.run({ source: snapshot.fields, target: fields });
    },
    /** Frees the spare textures (snapshots still held free theirs with discard()). */
    destroy(): void {
      spare.splice(0).forEach(destroyQuietly);
    },
  };
}
