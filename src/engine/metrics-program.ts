/**
 * The metrics of src/model/metrics.ts (alive count, census, silent cells, mean potency, active-parameter
 * fraction) reduced on the GPU: a per-cell pass, then 2x2 sums until a few texels per slot remain, and
 * only those are read back and added up. Never a full-grid read. Half-float buffers stop reducing while
 * a texel covers at most 1024 cells, so the counts stay exact integers in float16.
 */
import type REGL from 'regl';
import metricsSource from '../../kernels/metrics.glsl?raw';
import reduceSource from '../../kernels/reduce.glsl?raw';
import { atlasIndex, atlasLayout, atlasUniform, type AtlasLayout } from '../gpu/atlas.ts';
import { createBuffer, destroyBuffer, type GpuBuffer } from '../gpu/buffer.ts';
import type { GpuCapabilities } from '../gpu/capabilities.ts';
import { createPass } from '../gpu/pass.ts';
import type { Reader } from '../gpu/readback.ts';
import { expertParameterCount, gateParameterCount, genomeParameterCount, type Genome } from '../model/genome.ts';
import type { Metrics } from '../model/metrics.ts';
import type { EngineSizes } from './layouts.ts';

/** The metrics of src/model/metrics.ts that the GPU reduces (the histograms stay on the CPU). */
export type GpuMetrics = Pick<Metrics, 'step' | 'aliveCount' | 'census' | 'silentCount' | 'meanPotency' | 'activeParamFraction'>;

/** Reduce while the grid is larger than this on a side. */
const SMALL_SIDE = 8;
const HALF_FLOAT_LEVELS = 5; // 4^5 = 1024 cells per texel

export function createMetricsProgram(
  regl: REGL.Regl, caps: GpuCapabilities, genome: Genome, sizes: EngineSizes, width: number, height: number, read: Reader,
) {
  const slots = 1 + sizes.markSlots;
  const levels: AtlasLayout[] = [atlasLayout(width, height, slots, caps.maxTextureSize, 'metrics')];
  const maxLevels = caps.precision === 'float16' ? HALF_FLOAT_LEVELS : Infinity;
  while (Math.max(levels.at(-1)!.width, levels.at(-1)!.height) > SMALL_SIDE && levels.length <= maxLevels) {
    const last = levels.at(-1)!;
    levels.push(atlasLayout(Math.ceil(last.width / 2), Math.ceil(last.height / 2), slots, caps.maxTextureSize, 'metrics'));
  }
  const buffers = levels.map((layout, i) => createBuffer(regl, caps, `metrics${i}`, layout));
  const total = genomeParameterCount(genome);
  const perCell = createPass<{ cells: GpuBuffer }>(regl, {
    name: 'metrics',
    source: metricsSource,
    defines: { STATE_SLOTS: sizes.stateSlots, MARK_SLOTS: sizes.markSlots, EXPERTS: sizes.experts, METRIC_SLOTS: slots },
    uniforms: {
      u_cells: (p) => p.cells.texture,
      u_cellsLayout: (p) => atlasUniform(p.cells.layout),
      u_gateFraction: () => gateParameterCount(genome.gate) / total,
    },
    arrays: { u_expertFraction: { length: sizes.experts, value: () => genome.experts.map((e) => expertParameterCount(e) / total) } },
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

  return {
    measure(cells: GpuBuffer, step: number): GpuMetrics {
      perCell.run({ cells });
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
      const aliveCount = Math.round(sums[0]);
      return {
        step,
        aliveCount,
        census: Array.from({ length: sizes.experts }, (_, k) => Math.round(sums[4 + k])),
        silentCount: Math.round(sums[3]),
        meanPotency: aliveCount ? sums[1] / aliveCount : 0,
        activeParamFraction: aliveCount ? sums[2] / aliveCount : 0,
      };
    },
    destroy(): void {
      buffers.forEach(destroyBuffer);
    },
  };
}
