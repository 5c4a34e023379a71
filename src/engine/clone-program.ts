/**
 * Lineage tracing on the GPU: one pass after the step that moves the clone labels from t to t + 1
 * (kernels/clones.glsl; src/model/clones.ts is the definition). The engine runs it only while tracing.
 */
import type REGL from 'regl';
import clonesSource from '../../kernels/clones.glsl?raw';
import { atlasUniform } from '../gpu/atlas.ts';
import type { GpuBuffer } from '../gpu/buffer.ts';
import { createPass } from '../gpu/pass.ts';

export interface CloneProps {
  /** Cells at t and at t + 1. */
  before: GpuBuffer;
  after: GpuBuffer;
  /** Fields at t, and the buffer the fields with labels at t + 1 go to. */
  fields: GpuBuffer;
  nextFields: GpuBuffer;
}

export function createCloneProgram(regl: REGL.Regl) {
  return createPass<CloneProps>(regl, {
    name: 'clones',
    source: clonesSource,
    defines: {},
    uniforms: {
      u_fields: (p) => p.fields.texture,
      u_fieldsLayout: (p) => atlasUniform(p.fields.layout),
      u_before: (p) => p.before.texture,
      u_beforeLayout: (p) => atlasUniform(p.before.layout),
      u_after: (p) => p.after.texture,
      u_afterLayout: (p) => atlasUniform(p.after.layout),
    },
    target: (p) => p.nextFields,
  });
}
