/**
 * The outlines of labelled regions of a grid (clones, painted fields): the cell edges where a cell's label
 * differs from its neighbour's, merged into straight runs along the grid lines. Pure maths, in cells.
 */

/** A straight piece of one label's outline on a grid line, and the side its cells lie on. */
export interface OutlineRun {
  label: number;
  /** Start and end on the grid lines (cell corners); one of x or y is constant. */
  x0: number;
  y0: number;
  x1: number;
  y1: number;
  /** Unit normal pointing into the label's cells: (±1, 0) for a vertical run, (0, ±1) for a horizontal one. */
  nx: number;
  ny: number;
}

/**
 * Every run of every non-zero label of `labels` (one per cell, row-major: y * width + x). Outside the grid
 * counts as label 0: the picture shows one copy of the wrapping grid, so an outline closes at its edge.
 */
export function outlineRuns(labels: ArrayLike<number>, width: number, height: number): OutlineRun[] {
  if (labels.length !== width * height)
    throw new Error(`outline: ${labels.length} labels for a ${width}x${height} grid`);
  const at = (x: number, y: number) => (x < 0 || y < 0 || x >= width || y >= height ? 0 : labels[y * width + x]);
  const runs: OutlineRun[] = [];
  // One scan per grid line and side: `inside` gives the cell on that side of the line at step i, `outside` its
  // neighbour.
  const scan = (
    length: number,
    inside: (i: number) => number,
    outside: (i: number) => number,
    run: (label: number, i0: number, i1: number) => void,
  ) => {
    let start = -1,
      label = 0;
    for (let i = 0; i <= length; i++) {
      const here = i < length ? inside(i) : 0;
      const edge = here !== 0 && here !== outside(i) ? here : 0;
      if (start >= 0 && edge !== label) {
        run(label, start, i);
        start = -1;
      }
      if (start < 0 && edge !== 0) {
        start = i;
        label = edge;
      }
    }
  };
  for (let x = 0; x <= width; x++) {
    scan(
      height,
      (y) => at(x - 1, y),
      (y) => at(x, y),
      (label, y0, y1) => runs.push({ label, x0: x, y0, x1: x, y1, nx: -1, ny: 0 }),
    );
    scan(
      height,
      (y) => at(x, y),
      (y) => at(x - 1, y),
      (label, y0, y1) => runs.push({ label, x0: x, y0, x1: x, y1, nx: 1, ny: 0 }),
    );
  }
  for (let y = 0; y <= height; y++) {
    scan(
      width,
      (x) => at(x, y - 1),
      (x) => at(x, y),
      (label, x0, x1) => runs.push({ label, x0, y0: y, x1, y1: y, nx: 0, ny: -1 }),
    );
    scan(
      width,
      (x) => at(x, y),
      (x) => at(x, y - 1),
      (label, x0, x1) => runs.push({ label, x0, y0: y, x1, y1: y, nx: 0, ny: 1 }),
    );
  }
  return runs;
}
