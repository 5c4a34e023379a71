/** The scale bar's length: a round number of cells (1, 2 or 5 times a power of ten) that fits the space. */

export interface ScaleBar {
  cells: number;
  /** Its length on screen, in device pixels. */
  pixels: number;
  label: string;
}

/** The longest round length of at most `maxPixels` at `zoom` device pixels per cell; never under one cell. */
export function scaleBar(zoom: number, maxPixels: number): ScaleBar {
  let cells = 1;
  for (let power = 1; power <= 1e9; power *= 10) {
    for (const step of [1, 2, 5]) if (step * power * zoom <= maxPixels) cells = step * power;
  }
  return { cells, pixels: cells * zoom, label: `${cells} ${cells === 1 ? 'cell' : 'cells'}` };
}
