/**
 * One cell read back for the inspector: on float32 buffers a texel per slot (a few bytes, fine per hover);
 * half-float buffers cannot be read in part, so they read the whole grid and pick the cell.
 */
import type REGL from 'regl';
import { atlasTexel } from '../gpu/atlas.ts';
import type { GpuBuffer } from '../gpu/buffer.ts';
import type { GpuCapabilities } from '../gpu/capabilities.ts';
import type { CellState } from '../model/state.ts';
import type { EngineSizes } from './layouts.ts';

/** One cell as the inspector shows it: its channels, marks, last expression and painted morphogens. */
export interface CellReading {
  state: Float32Array;
  marks: Float32Array;
  expression: Float32Array;
  morphogens: Float32Array;
}

export interface CellSource {
  regl: REGL.Regl;
  caps: GpuCapabilities;
  cells: GpuBuffer;
  fields: GpuBuffer;
  sizes: EngineSizes;
  /** The whole grid, for half-float buffers. */
  readState(): CellState;
}

function cellOfGrid(grid: CellState, sizes: EngineSizes, cell: number): CellReading {
  const { channels, experts, morphogens } = sizes;
  return {
    state: grid.state.slice(cell * channels, (cell + 1) * channels),
    marks: grid.marks.slice(cell * experts, (cell + 1) * experts),
    expression: grid.expression.slice(cell * experts, (cell + 1) * experts),
    morphogens: grid.morphogens.slice(cell * morphogens, (cell + 1) * morphogens),
  };
}

/** Cell (x, y), wrapped onto the grid. */
export function readCell(source: CellSource, x: number, y: number): CellReading {
  const { regl, cells, fields, sizes } = source;
  const { width, height } = cells.layout;
  const cx = ((Math.round(x) % width) + width) % width;
  const cy = ((Math.round(y) % height) + height) % height;
  if (source.caps.textureType !== 'float') return cellOfGrid(source.readState(), sizes, cy * width + cx);
  const values = (buffer: GpuBuffer, first: number, slots: number, count: number) => {
    const out = new Float32Array(slots * 4);
    for (let i = 0; i < slots; i++) {
      const [tx, ty] = atlasTexel(buffer.layout, cx, cy, first + i);
      out.set(regl.read({ framebuffer: buffer.framebuffer, x: tx, y: ty, width: 1, height: 1 }) as Float32Array, i * 4);
    }
    return out.slice(0, count);
  };
  const { channels, experts, morphogens, stateSlots, markSlots, morphogenSlots } = sizes;
  return {
    state: values(cells, 0, stateSlots, channels),
    marks: values(cells, stateSlots, markSlots, experts),
    expression: values(cells, stateSlots + markSlots, markSlots, experts),
    morphogens: values(fields, 1, morphogenSlots, morphogens),
  };
}
