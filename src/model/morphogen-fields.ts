/**
 * Morphogen fields a genome was trained with, and so starts with. A trained genome that reads positional
 * information names its fields in `metadata.provenance.morphogens` (one name per morphogen channel); every
 * grid built for it (`createSeededState`: the app, `npm run sim`, the reports) starts with them painted.
 *
 * A field is measured in the units of the training grid (`provenance.config.grid`, or its `morphogenScale`
 * where the config set one) and centred on the grid it runs on, so the organism meets the same values
 * whatever the grid size: on the training grid "x" runs from 0 at the left edge to 1 at the right, on a
 * wider grid it keeps its slope and runs past 0 and 1.
 *
 * "environment" is not positional: one value in [0, 1] everywhere, what the organism lives in (as a larva's
 * food makes one honeybee genome a queen or a worker). A grid starts with the value asked for (0 unless
 * said), the app sets it with a slider and paints it with the morphogen brush like any field.
 */
import type { Genome } from './genome.ts';

export const MORPHOGEN_FIELDS = ['x', 'y', 'radial', 'environment'] as const;
export type MorphogenField = (typeof MORPHOGEN_FIELDS)[number];

export interface MorphogenPlan {
  fields: MorphogenField[];
  /** The grid the fields were trained on: their unit of length. */
  scaleWidth: number;
  scaleHeight: number;
}

/**
 * Fields for a `width` x `height` grid, cell-major (M values per cell), or null when there are none.
 * With the default scale (the grid itself), "x" is x / (width - 1), "y" likewise, "radial" the distance
 * from the centre over the distance from the centre to a corner, and "environment" `environment`.
 */
export function morphogenFields(
  fields: readonly MorphogenField[],
  width: number,
  height: number,
  scaleWidth = width,
  scaleHeight = height,
  environment = 0,
): Float32Array | null {
  if (fields.length === 0) return null;
  const M = fields.length;
  const out = new Float32Array(width * height * M);
  const cx = (width - 1) / 2,
    cy = (height - 1) / 2;
  const spanX = Math.max(1, scaleWidth - 1),
    spanY = Math.max(1, scaleHeight - 1);
  const rMax = Math.hypot(spanX / 2, spanY / 2);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const u = 0.5 + (x - cx) / spanX,
        v = 0.5 + (y - cy) / spanY;
      fields.forEach((f, m) => {
        out[(y * width + x) * M + m] =
          f === 'x' ? u : f === 'y' ? v : f === 'environment' ? environment : Math.hypot(x - cx, y - cy) / rMax;
      });
    }
  }
  return out;
}

/**
 * The fields `genome` starts with, read from its provenance; null when it names none. Throws, naming the
 * field, when the provenance names fields that do not fit the architecture.
 */
export function genomeMorphogenPlan(genome: Genome, fileName = 'genome'): MorphogenPlan | null {
  const provenance = genome.metadata.provenance;
  const names = provenance?.morphogens;
  if (names === undefined) return null;
  const where = `${fileName}: field metadata.provenance.morphogens`;
  const M = genome.architecture.morphogens;
  if (
    !Array.isArray(names)
    || names.length !== M
    || !names.every((n) => (MORPHOGEN_FIELDS as readonly unknown[]).includes(n))
  ) {
    throw new Error(
      `${where}: expected ${M} field name${M === 1 ? '' : 's'} (one per morphogen channel) `
        + `from ${MORPHOGEN_FIELDS.join(', ')}, got ${JSON.stringify(names)}`,
    );
  }
  if (M === 0) return null;
  type Sides = { width?: unknown; height?: unknown };
  const grid = (provenance.config as { grid?: Sides & { morphogenScale?: Sides } } | undefined)?.grid;
  // The fields' unit of length: the training grid's own morphogenScale where the config set one, else its size.
  const scale = grid?.morphogenScale ?? grid;
  const field = grid?.morphogenScale === undefined ? 'grid' : 'grid.morphogenScale';
  const side = (value: unknown) => (Number.isInteger(value) && (value as number) >= 2 ? (value as number) : null);
  const scaleWidth = side(scale?.width),
    scaleHeight = side(scale?.height);
  if (scale !== undefined && (scaleWidth === null || scaleHeight === null)) {
    throw new Error(
      `${fileName}: field metadata.provenance.config.${field}: expected { width, height } as integers >= 2 `
        + `(the fields' unit of length), got ${JSON.stringify(scale)}`,
    );
  }
  return { fields: names as MorphogenField[], scaleWidth: scaleWidth ?? 0, scaleHeight: scaleHeight ?? 0 };
}

/** The painted fields a `width` x `height` grid of `genome` starts with, or null. */
export function initialMorphogens(genome: Genome, width: number, height: number, environment = 0): Float32Array | null {
  const plan = genomeMorphogenPlan(genome);
  if (!plan) return null;
  return morphogenFields(plan.fields, width, height, plan.scaleWidth || width, plan.scaleHeight || height, environment);
}

/** The morphogen channels of `genome` that hold its environment signal (none for most genomes). */
export function environmentChannels(genome: Genome): number[] {
  const plan = genomeMorphogenPlan(genome);
  return plan ? plan.fields.flatMap((f, m) => (f === 'environment' ? [m] : [])) : [];
}

/** Checks an environment value: a number in [0, 1]; the message names `where`. */
export function checkEnvironment(value: number, where: string): void {
  if (!(Number.isFinite(value) && value >= 0 && value <= 1))
    throw new Error(`${where}: expected an environment value in [0, 1], got ${value}`);
}
