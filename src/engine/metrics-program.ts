/**
 * The metrics of src/model/metrics.ts (alive count, census, silent cells, mean potency, active-parameter
 * fraction) reduced on the GPU: a per-cell pass, then 2x2 sums until a few texels per slot remain, and
 * only those are read back and added up. Never a full-grid read. Half-float buffers stop reducing while
 * a texel covers at most 1024 cells, so the counts stay exact integers in float16. One program measures
 * the whole grid; another, `perClone`, measures each clone label at once (src/model/clones.ts cloneFates).
 */
import type REGL from 'regl';
import metricsSource from '../../kernels/metrics.glsl?raw';
import reduceSource from '../../kernels/reduce.glsl?raw';
import { atlasIndex, atlasLayout, atlasUniform, type AtlasLayout } from '../gpu/atlas.ts';
import { createBuffer, destroyBuffer, type GpuBuffer } from '../gpu/buffer.ts';
import type { GpuCapabilities } from '../gpu/capabilities.ts';
import { createPass } from '../gpu/pass.ts';
import type { Reader } from '../gpu/readback.ts';
import { MAX_CLONE } from '../model/clones.ts';
import { expertParameterCount, gateParameterCount, genomeParameterCount, type Genome } from '../model/genome.ts';
import type { Metrics } from '../model/metrics.ts';
import type { EngineSizes } from './layouts.ts';

/** The metrics of src/model/metrics.ts that the GPU reduces (the histograms stay on the CPU). */
export type GpuMetrics = Pick<
  Metrics,
  'step' | 'aliveCount' | 'census' | 'silentCount' | 'meanPotency' | 'activeParamFraction'
>;

/** One clone's metrics: its living cells, their types and potency (src/model/clones.ts CloneFate). */
export type CloneMetrics = GpuMetrics & { label: number };

/** Reduce while the grid is larger than this on a side. */
const SMALL_SIDE = 8;
const HALF_FLOAT_LEVELS = 5; // 4^5 = 1024 cells per texel

interface MeasureProps {
  cells: GpuBuffer;
  fields: GpuBuffer;
}

export function createMetricsProgram(
  regl: REGL.Regl,
  caps: GpuCapabilities,
  genome: Genome,
  sizes: EngineSizes,
  width: number,
  height: number,
  read: Reader,
  perClone = false,
) {
  const groupSlots = 1 + sizes.markSlots;
  const groups = perClone ? MAX_CLONE : 1;
  const slots = groups * groupSlots;
  const levels: AtlasLayout[] = [atlasLayout(width, height, slots, caps.maxTextureSize, 'metrics')];
  const maxLevels = caps.precision === 'float16' ? HALF_FLOAT_LEVELS : Infinity;
  while (Math.max(levels.at(-1)!.width, levels.at(-1)!.height) > SMALL_SIDE && levels.length <= maxLevels) {
    const last = levels.at(-1)!;
    levels.push(
      atlasLayout(Math.ceil(last.width / 2), Math.ceil(last.height / 2), slots, caps.maxTextureSize, 'metrics'),
    );
  }
  const buffers = levels.map((layout, i) => createBuffer(regl, caps, `metrics${i}`, layout));
  const total = genomeParameterCount(genome);
  const perCell = createPass<MeasureProps>(regl, {
    name: perClone ? 'clone-metrics' : 'metrics',
    source: metricsSource,
    defines: {
      STATE_SLOTS: sizes.stateSlots,
      MARK_SLOTS: sizes.markSlots,
      EXPERTS: sizes.experts,
      METRIC_SLOTS: groupSlots,
      GROUPS: groups,
      PER_CLONE: perClone ? 1 : 0,
    },
    uniforms: {
      u_cells: (p) => p.cells.texture,
      u_cellsLayout: (p) => atlasUniform(p.cells.layout),
      u_gateFraction: () => gateParameterCount(genome.gate) / total,
      ...(perClone
        ? {
            u_fields: (p: MeasureProps) => p.fields.texture,
            u_fieldsLayout: (p: MeasureProps) => atlasUniform(p.fields.layout),
          }
        : {}),
    },
    arrays: {
      u_expertFraction: {
        length: sizes.experts,
        value: () => genome.experts.map((e) => expertParameterCount(e) / total),
      },
    },
    target: () => buffers[0],
  });
  const reduce = createPass<{ source: GpuBuffer; target: GpuBuffer }>(regl, {
    name: 'reduce',
    source: reduceSource,
    defines: { SLOTS: slots },
    uniforms: {
      u_source: (p) => p.source.texture,
      u_sourceLayout: (p) => atlasUniform(p.source.layout),
      u_sourceGrid: (p) => [p.source.layout.width, p.source.layout.height],
    },
    target: (p) => p.target,
  });

  /** The metrics of each group: the whole grid, or clone 1..MAX_CLONE. */
  function measureGroups(cells: GpuBuffer, fields: GpuBuffer, step: number): GpuMetrics[] {
    perCell.run({ cells, fields });
    for (let i = 1; i < buffers.length; i++) reduce.run({ source: buffers[i - 1], target: buffers[i] });
    const last = buffers.at(-1)!;
    const data = read(last);
    const sums = new Float64Array(slots * 4);
    for (let slot = 0; slot < slots; slot++) {
      for (let y = 0; y < last.layout.height; y++) {
        for (let x = 0; x < last.layout.width; x++) {
          for (let c = 0; c < 4; c++) sums[slot * 4 + c] += data[atlasIndex(last.layout, x, y, slot, c)];
        }
      }
    }
    return Array.from({ length: groups }, (_, group) => {
      const base = group * groupSlots * 4;
      const aliveCount = Math.round(sums[base]);
      return {
        step,
        aliveCount,
        census: Array.from({ length: sizes.experts }, (_, k) => Math.round(sums[base + 4 + k])),
        silentCount: Math.round(sums[base + 3]),
        meanPotency: aliveCount ? sums[base + 1] / aliveCount : 0,
        activeParamFraction: aliveCount ? sums[base + 2] / aliveCount : 0,
      };
    });
  }

  return {
    measure(cells: GpuBuffer, fields: GpuBuffer, step: number): GpuMetrics {
      return measureGroups(cells, fields, step)[0];
    },
    /** Per clone label 1..MAX_CLONE (a `perClone` program), the ones with no living cell left out. */
    measureClones(cells: GpuBuffer, fields: GpuBuffer, step: number): CloneMetrics[] {
      return measureGroups(cells, fields, step)
        .map((m, i) => ({ label: i + 1, ...m }))
        .filter((m) => m.aliveCount > 0);
    },
    destroy(): void {
      buffers.forEach(destroyBuffer);
    },
  };
}
