/**
 * A CellState in atlas texel data and back: the upload and readback formats of the engine. Pure, so the
 * mapping is tested in Node and the browser tests compare whole states.
 */
import { atlasIndex, type AtlasLayout } from '../gpu/atlas.ts';
import type { CellState } from '../model/state.ts';
import type { EngineLayouts, EngineSizes } from './layouts.ts';

type Part = { values: ArrayLike<number>; perCell: number; firstSlot: number };

function packParts(layout: AtlasLayout, parts: Part[]): Float32Array {
  const data = new Float32Array(layout.textureWidth * layout.textureHeight * 4);
  for (let y = 0; y < layout.height; y++) {
    for (let x = 0; x < layout.width; x++) {
      const cell = y * layout.width + x;
      for (const part of parts) {
        for (let i = 0; i < part.perCell; i++) {
          data[atlasIndex(layout, x, y, part.firstSlot + (i >> 2), i & 3)] = part.values[cell * part.perCell + i];
        }
      }
    }
  }
  return data;
}

function unpackPart(
  layout: AtlasLayout,
  data: Float32Array,
  perCell: number,
  firstSlot: number,
  into: { [i: number]: number },
): void {
  for (let y = 0; y < layout.height; y++) {
    for (let x = 0; x < layout.width; x++) {
      const cell = y * layout.width + x;
      for (let i = 0; i < perCell; i++)
        into[cell * perCell + i] = data[atlasIndex(layout, x, y, firstSlot + (i >> 2), i & 3)];
    }
  }
}

export function packCells(grid: CellState, sizes: EngineSizes, layouts: EngineLayouts): Float32Array {
  return packParts(layouts.cells, [
    { values: grid.state, perCell: sizes.channels, firstSlot: 0 },
    { values: grid.marks, perCell: sizes.experts, firstSlot: sizes.stateSlots },
    { values: grid.expression, perCell: sizes.experts, firstSlot: sizes.stateSlots + sizes.markSlots },
  ]);
}

export function packFields(grid: CellState, sizes: EngineSizes, layouts: EngineLayouts): Float32Array {
  const cells = grid.width * grid.height;
  // Slot 0: (knockout bits, forced expert, clone label, 0).
  const painted = new Float32Array(cells * 3);
  for (let cell = 0; cell < cells; cell++) {
    painted[cell * 3] = grid.knockoutMask[cell];
    painted[cell * 3 + 1] = grid.forced[cell];
    painted[cell * 3 + 2] = grid.clones[cell];
  }
  return packParts(layouts.fields, [
    { values: painted, perCell: 3, firstSlot: 0 },
    { values: grid.morphogens, perCell: sizes.morphogens, firstSlot: 1 },
  ]);
}

/** The CellState held by a cells atlas and a fields atlas; `step` is the engine's counter. */
export function unpackState(
  cellsData: Float32Array,
  fieldsData: Float32Array,
  sizes: EngineSizes,
  layouts: EngineLayouts,
  step: number,
): CellState {
  const { width, height } = layouts.cells;
  const cells = width * height;
  const grid: CellState = {
    width,
    height,
    channels: sizes.channels,
    experts: sizes.experts,
    morphogenCount: sizes.morphogens,
    state: new Float32Array(cells * sizes.channels),
    marks: new Float32Array(cells * sizes.experts),
    expression: new Float32Array(cells * sizes.experts),
    morphogens: new Float32Array(cells * sizes.morphogens),
    knockoutMask: new Uint16Array(cells),
    forced: new Int8Array(cells),
    clones: unpackClones(fieldsData, layouts),
    step,
  };
  unpackPart(layouts.cells, cellsData, sizes.channels, 0, grid.state);
  unpackPart(layouts.cells, cellsData, sizes.experts, sizes.stateSlots, grid.marks);
  unpackPart(layouts.cells, cellsData, sizes.experts, sizes.stateSlots + sizes.markSlots, grid.expression);
  unpackPart(layouts.fields, fieldsData, sizes.morphogens, 1, grid.morphogens);
  const painted = new Float32Array(cells * 2); // slot 0's knockout bits and forced expert
  unpackPart(layouts.fields, fieldsData, 2, 0, painted);
  for (let cell = 0; cell < cells; cell++) {
    grid.knockoutMask[cell] = painted[cell * 2];
    grid.forced[cell] = painted[cell * 2 + 1];
  }
  return grid;
}

/** The clone labels alone, from a fields atlas: what an overlay reads each frame. */
export function unpackClones(fieldsData: Float32Array, layouts: EngineLayouts): Uint8Array {
  const { width, height } = layouts.fields;
  const labels = new Uint8Array(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) labels[y * width + x] = fieldsData[atlasIndex(layouts.fields, x, y, 0, 2)];
  }
  return labels;
}
