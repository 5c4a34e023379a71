/**
 * A simulation on the GPU: the cells and painted fields of one grid, stepped by the compiled passes of a
 * genome. It receives a regl instance and never touches the DOM. Every maths choice is the reference step's
 * (src/model/reference.ts); tests/gpu holds the two together.
 */
import type REGL from 'regl';
import { createBuffer, PingPong, uploadBuffer } from '../gpu/buffer.ts';
import { detectCapabilities, type GpuCapabilities, type Precision } from '../gpu/capabilities.ts';
import { createReader } from '../gpu/readback.ts';
import { createSync } from '../gpu/sync.ts';
import { expertCount, type Genome } from '../model/genome.ts';
import { SEED_MAX } from '../model/hash.ts';
import { resolveParams, type RegulationOverrides, type RegulationParams } from '../model/params.ts';
import { checkGridSize, createSeededState, type CellState } from '../model/state.ts';
import { checkEnvironment, environmentChannels } from '../model/morphogen-fields.ts';
import type { Disc } from '../model/brushes.ts';
import { createBrushProgram, isFieldBrush, type BrushKind } from './brush-program.ts';
import { createCloneProgram } from './clone-program.ts';
import { simulationBrushes } from './simulation-brushes.ts';
import { readCell, type CellReading } from './cell-reading.ts';
import { createSnapshotCopier, type GridSnapshot } from './grid-snapshot.ts';
import { packCells, packFields, unpackClones, unpackState } from './cell-atlas.ts';
import { createMetricsProgram, type CloneMetrics, type GpuMetrics } from './metrics-program.ts';
import { createStepProgram, type StepProgram, type StepProps } from './step-program.ts';

export interface SimulationConfig {
  regl: REGL.Regl;
  genome: Genome;
  width: number;
  height: number;
  seed: number;
  /** Overrides over the genome's regulation defaults. */
  params?: RegulationOverrides;
  /** Start from this state (a snapshot, an export) instead of one seed cell at the centre. */
  state?: CellState;
  /** The environment signal a reset grid starts in, for a genome that reads one (morphogen-fields.ts); 0 by default. */
  environment?: number;
  /** Force half floats even where float32 render targets exist (precision comparisons, tests). */
  precision?: Precision;
}

export interface PassTiming {
  name: string;
  milliseconds: number;
}

export type Simulation = ReturnType<typeof createSimulation>;

function checkSeed(seed: number): void {
  if (!Number.isInteger(seed) || seed < 0 || seed > SEED_MAX) {
    throw new Error(`simulation: field seed: expected an integer in [0, ${SEED_MAX}], got ${seed}`);
  }
}

export function createSimulation(config: SimulationConfig) {
  const { regl, width, height } = config;
  checkGridSize(width, height, 'simulation');
  checkSeed(config.seed);
  const caps: GpuCapabilities = detectCapabilities(regl, config.precision);
  const read = createReader(regl, caps);
  const sync = createSync(regl);
  const snapshots = createSnapshotCopier(regl, caps);
  /** The snapshots this simulation took: another's textures may belong to a lost context. */
  const ownSnapshots = new WeakSet<GridSnapshot>();
  let genome = config.genome;
  let seed = config.seed;
  let params: RegulationParams = resolveParams(
    { ...genome.regulation, ...config.params },
    expertCount(genome),
    'simulation params',
  );
  let environment = config.environment ?? 0;
  checkEnvironment(environment, 'simulation: field environment');
  /** Everything compiled for one genome; built whole before it replaces the running one. */
  const compile = (g: Genome) => {
    const step = createStepProgram(regl, caps, g, width, height);
    return {
      step,
      brushes: createBrushProgram(regl, step.sizes),
      clones: createCloneProgram(regl),
      cloneMetrics: null as ReturnType<typeof createMetricsProgram> | null,
      metrics: createMetricsProgram(regl, caps, g, step.sizes, width, height, read),
    };
  };
  type Compiled = ReturnType<typeof compile>;
  const release = (c: Compiled) => {
    c.step.destroy();
    c.metrics.destroy();
    c.cloneMetrics?.destroy();
  };
  let compiled = compile(genome);
  let program: StepProgram = compiled.step;
  let stepCount = 0;
  /** Whether clone labels move with the cells: on once a clone is marked (or loaded), off when cleared. */
  let tracing = false;

  const pair = (name: string, layout = program.layouts.cells, data?: Float32Array) =>
    new PingPong(createBuffer(regl, caps, name, layout, data), createBuffer(regl, caps, name, layout, data));
  let cells = pair('cells');
  let fields = pair('fields', program.layouts.fields);

  function load(state: CellState): void {
    if (state.width !== width || state.height !== height) {
      throw new Error(`simulation state: expected a ${width}x${height} grid, got ${state.width}x${state.height}`);
    }
    uploadBuffer(cells.current, packCells(state, program.sizes, program.layouts), caps);
    uploadBuffer(fields.current, packFields(state, program.sizes, program.layouts), caps);
    stepCount = state.step;
    tracing = state.clones.some((label) => label !== 0);
  }
  load(config.state ?? createSeededState(genome, width, height, environment));

  const props = (): StepProps => ({
    cells: cells.current,
    nextCells: cells.next,
    fields: fields.current,
    params,
    step: stepCount,
    seed,
  });

  function runStep(timings?: PassTiming[]): void {
    const p = props();
    for (const pass of program.passes) {
      const start = timings ? performance.now() : 0;
      pass.run(p);
      if (timings) {
        sync(pass.target(p).texture);
        timings.push({ name: pass.name, milliseconds: performance.now() - start });
      }
    }
    if (tracing) {
      const start = timings ? performance.now() : 0;
      compiled.clones.run({
        before: cells.current,
        after: cells.next,
        fields: fields.current,
        nextFields: fields.next,
      });
      if (timings) {
        sync(fields.next.texture);
        timings.push({ name: 'clones', milliseconds: performance.now() - start });
      }
      fields.swap();
    }
    cells.swap();
    stepCount++;
  }

  function paint(kind: BrushKind, disc: Disc, value = 0, channel = 0): void {
    const pair = isFieldBrush(kind) ? fields : cells;
    compiled.brushes.paint({
      source: pair.current,
      target: pair.next,
      cells: cells.current,
      kind,
      disc,
      value,
      channel,
    });
    pair.swap();
  }

  function readState(): CellState {
    return unpackState(read(cells.current), read(fields.current), program.sizes, program.layouts, stepCount);
  }

  return {
    width,
    height,
    capabilities: caps,
    get genome() {
      return genome;
    },
    get params(): RegulationParams {
      return params;
    },
    get seed() {
      return seed;
    },
    /** The environment signal last set (what a reset grid starts in); painted strokes may differ locally. */
    get environment() {
      return environment;
    },
    get stepCount() {
      return stepCount;
    },
    get passNames() {
      return [...program.passes.map((p) => p.name), ...(tracing ? ['clones'] : [])];
    },

    step(n = 1): void {
      for (let i = 0; i < n; i++) runStep();
    },

    /** Live: the next step uses them. Throws (changing nothing) on a value out of range. */
    setParams(overrides: RegulationOverrides): void {
      params = resolveParams({ ...params, ...overrides }, expertCount(genome), 'simulation params');
    },

    /**
     * One seed cell at the centre again, painted fields back to the genome's initial morphogens (usually
     * none); optionally a new seed for the random streams.
     */
    reset(newSeed = seed): void {
      checkSeed(newSeed);
      seed = newSeed;
      load(createSeededState(genome, width, height, environment));
      stepCount = 0;
    },

    /**
     * Swaps the genome live. The new program is compiled before anything is replaced, so a genome that
     * fails leaves the simulation running as it was. Cells carry over when the channel, expert and
     * morphogen counts match; otherwise the grid restarts from a seed.
     */
    setGenome(next: Genome, overrides: RegulationOverrides = {}): void {
      const nextParams = resolveParams({ ...next.regulation, ...overrides }, expertCount(next), 'simulation params');
      const nextCompiled = compile(next);
      const nextProgram = nextCompiled.step;
      const keep =
        nextProgram.sizes.channels === program.sizes.channels
        && nextProgram.sizes.experts === program.sizes.experts
        && nextProgram.sizes.morphogens === program.sizes.morphogens;
      const carried = keep ? readState() : createSeededState(next, width, height, environment);
      release(compiled);
      compiled = nextCompiled;
      program = nextProgram;
      genome = next;
      params = nextParams;
      if (!keep) {
        cells.destroy();
        fields.destroy();
        cells = pair('cells');
        fields = pair('fields', program.layouts.fields);
      }
      load(carried);
    },

    /** Replaces the whole state (a snapshot or an exported file). */
    loadState(state: CellState): void {
      load(state);
    },

    /** The grid copied on the GPU, no readback (grid-snapshot.ts): what undo goes back to. Discard it when done. */
    snapshot(): GridSnapshot {
      const taken = snapshots.take(cells.current, fields.current, stepCount, tracing);
      ownSnapshots.add(taken);
      return taken;
    },
    /**
     * Allocates the next snapshot's textures now, so that taking it waits for nothing: call it just after
     * something that waited for the GPU (metrics()), when the check a new framebuffer makes costs little.
     */
    prepareSnapshot(): void {
      snapshots.prepare(cells.current, fields.current);
    },
    /**
     * Back to a snapshot (cells, painted fields, step count, tracing). False, changing nothing, for another
     * simulation's snapshot: one rebuilt after a context loss cannot read the old context's textures.
     */
    restore(snapshot: GridSnapshot): boolean {
      if (!ownSnapshots.has(snapshot)) return false;
      snapshots.restore(snapshot, cells.current, fields.current);
      stepCount = snapshot.step;
      tracing = snapshot.tracing;
      return true;
    },

    ...simulationBrushes({
      width,
      height,
      paint,
      sizes: () => program.sizes,
      setTracing: (on) => {
        tracing = on;
      },
    }),
    /** Whether the clone pass runs after each step. */
    get tracing() {
      return tracing;
    },
    /** The clone label of every cell (row-major), read from the fields atlas alone. */
    readClones(): Uint8Array {
      return unpackClones(read(fields.current), program.layouts);
    },

    /**
     * Sets the environment signal everywhere (over any painted values) and for later resets. Throws on a
     * value outside [0, 1], or when the genome reads no environment signal.
     */
    setEnvironment(value: number): void {
      checkEnvironment(value, 'environment');
      const channels = environmentChannels(genome);
      if (channels.length === 0)
        throw new Error(`environment: ${genome.metadata.name || 'this genome'} reads no environment signal`);
      environment = value;
      const everywhere = { x: width / 2, y: height / 2, radius: Math.hypot(width, height) };
      for (const channel of channels) paint('morphogen', everywhere, value, channel);
    },

    /** Alive count, census, potency and active-parameter fraction, reduced on the GPU; a few texels read. */
    metrics(): GpuMetrics {
      return compiled.metrics.measure(cells.current, fields.current, stepCount);
    },

    /**
     * Each clone's living cells, types and potency, reduced on the GPU (the program is built on first use,
     * so a session that never traces pays nothing). Empty while not tracing.
     */
    cloneMetrics(): CloneMetrics[] {
      if (!tracing) return [];
      compiled.cloneMetrics ??= createMetricsProgram(regl, caps, genome, program.sizes, width, height, read, true);
      return compiled.cloneMetrics.measureClones(cells.current, fields.current, stepCount);
    },

    /** One cell's state, marks, last expression and morphogens, for an inspector (cell-reading.ts). */
    readCell(x: number, y: number): CellReading {
      return readCell(
        { regl, caps, cells: cells.current, fields: fields.current, sizes: program.sizes, readState },
        x,
        y,
      );
    },

    readState,
    readMarks(): Float32Array {
      return readState().marks;
    },

    /** Runs one step, timing each pass (each waits for the GPU, so the step is slower than usual). */
    profileStep(): PassTiming[] {
      const timings: PassTiming[] = [];
      runStep(timings);
      return timings;
    },

    /** Every intermediate buffer of the last step, as texel data with its layout. */
    debugBuffers() {
      const all = { ...program.buffers, cells: cells.current, fields: fields.current };
      return Object.fromEntries(
        Object.entries(all).map(([name, buffer]) => [name, { layout: buffer.layout, data: read(buffer) }]),
      );
    },

    /** For views: the texture of the current cells atlas and its layout. */
    get cellsBuffer() {
      return cells.current;
    },
    get fieldsBuffer() {
      return fields.current;
    },
    get layouts() {
      return program.layouts;
    },
    get sizes() {
      return program.sizes;
    },

    destroy(): void {
      snapshots.destroy();
      release(compiled);
      cells.destroy();
      fields.destroy();
    },
  };
}
