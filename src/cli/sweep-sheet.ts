/**
 * The contact sheet of a sweep: one picture per combination on a grid whose columns are the last varied
 * parameter's values and whose rows are the combinations of the others. As a PNG (pictures only, scaled
 * up without smoothing) and as an SVG that labels the rows and columns around that PNG.
 */
import { PNG } from 'pngjs';
import { valueLabel, type Axis, type Combination } from '../model/sweep.ts';

const GAP = 4;

export interface SheetLayout {
  rows: number;
  columns: number;
  /** Side of one picture's pixel on the sheet. */
  scale: number;
  tileWidth: number;
  tileHeight: number;
}

export function sheetLayout(axes: readonly Axis[], count: number, width: number, height: number): SheetLayout {
  const columns = axes.length ? axes[axes.length - 1].values.length : 1;
  const scale = Math.max(1, Math.floor(160 / Math.max(width, height)));
  return { rows: Math.ceil(count / columns), columns, scale, tileWidth: width * scale, tileHeight: height * scale };
}

/** The pictures (W x H RGBA each, in combination order) on one white RGBA sheet. */
export function sheetPng(layout: SheetLayout, images: Uint8ClampedArray[], width: number): Buffer {
  const { rows, columns, scale, tileWidth, tileHeight } = layout;
  const png = new PNG({
    width: columns * tileWidth + (columns - 1) * GAP,
    height: rows * tileHeight + (rows - 1) * GAP,
  });
  png.data.fill(255);
  images.forEach((image, i) => {
    const left = (i % columns) * (tileWidth + GAP),
      top = Math.floor(i / columns) * (tileHeight + GAP);
    for (let y = 0; y < tileHeight; y++) {
      for (let x = 0; x < tileWidth; x++) {
        const from = (Math.floor(y / scale) * width + Math.floor(x / scale)) * 4;
        const to = ((top + y) * png.width + left + x) * 4;
        for (let c = 0; c < 4; c++) png.data[to + c] = image[from + c];
      }
    }
  });
  return PNG.sync.write(png);
}

const escapeXml = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** The PNG sheet with its labels: column values above, the other axes' values left of each row. */
export function sheetSvg(
  layout: SheetLayout,
  axes: readonly Axis[],
  cells: readonly Combination[],
  png: Buffer,
  title: string,
): string {
  const { rows, columns, tileWidth, tileHeight } = layout;
  const rowLabel = (r: number) => {
    const combination = cells[r * columns];
    return axes
      .slice(0, -1)
      .map((axis, a) => valueLabel(axis, combination[a]))
      .join(', ');
  };
  const labelWidth =
    Math.max(0, ...Array.from({ length: rows }, (_, r) => rowLabel(r).length)) * 7 + (axes.length > 1 ? 12 : 0);
  const top = 44;
  const sheetWidth = columns * tileWidth + (columns - 1) * GAP,
    sheetHeight = rows * tileHeight + (rows - 1) * GAP;
  const parts = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${labelWidth + sheetWidth + 8}" height="${top + sheetHeight + 8}" `
      + 'font-family="sans-serif" font-size="12">',
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="4" y="16" font-size="14">${escapeXml(title)}</text>`,
  ];
  const last = axes[axes.length - 1];
  for (let c = 0; c < columns && last; c++) {
    const x = labelWidth + c * (tileWidth + GAP) + tileWidth / 2;
    parts.push(`<text x="${x}" y="${top - 8}" text-anchor="middle">${escapeXml(valueLabel(last, c))}</text>`);
  }
  for (let r = 0; r < rows && axes.length > 1; r++) {
    const y = top + r * (tileHeight + GAP) + tileHeight / 2 + 4;
    parts.push(`<text x="${labelWidth - 8}" y="${y}" text-anchor="end">${escapeXml(rowLabel(r))}</text>`);
  }
  parts.push(
    `<image x="${labelWidth}" y="${top}" width="${sheetWidth}" height="${sheetHeight}" `
      + `style="image-rendering:pixelated" href="data:image/png;base64,${png.toString('base64')}"/>`,
    '</svg>',
    '',
  );
  return parts.join('\n');
}
