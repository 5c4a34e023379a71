/**
 * The app controller's state (AppModel) and what the handlers of the ui's events act on (AppContext): both
 * owned by createApp (app.ts), shared with the handlers (event-handlers.ts, file-handlers.ts).
 */
import type { Simulation } from '../engine/simulation.ts';
import type { Genome } from '../model/genome.ts';
import type { ToolSettings, UiEvent } from '../ui/events.ts';
import type { Setup } from '../ui/url-state.ts';
import type { Camera } from '../view/camera.ts';
import type { ViewSettings } from '../view/render-modes.ts';
import type { CloneLabels } from './clone-labels.ts';
import type { GpuSession } from './gpu-session.ts';
import type { StrokeJournal } from './stroke-journal.ts';
import type { Strokes } from './strokes.ts';
import type { AppUi } from './ui.ts';

export interface AppModel {
  genome: Genome;
  /** A preset key, or null for a local file. */
  preset: string | null;
  label: string;
  /** The local file's text (absent or null for a preset): a share link carries it. */
  fileText?: string | null;
  camera: Camera;
  /** True once the user moved the camera: until then it follows the canvas size. */
  cameraMoved: boolean;
  view: ViewSettings;
  tool: ToolSettings;
  playing: boolean;
}

export interface AppContext {
  model: AppModel;
  ui: AppUi;
  /** The GPU session and its simulation: rebuilt after a context loss, so read them at each use. */
  gpu(): GpuSession;
  sim(): Simulation;
  /** Brush strokes, with their undo stack and the journal a share link replays. */
  strokes: Strokes;
  journal: StrokeJournal;
  cloneLabels: CloneLabels;
  /** The canvas size in device pixels. */
  size(): { w: number; h: number };
  /** The grid cell (fractional) under device pixel (px, py). */
  cellAt(px: number, py: number): [number, number];
  /** Fits the camera to the grid. */
  fit(): void;
  /** The grid starts over (reset, another genome, another size, an import): no stroke to undo, no clone to follow. */
  forgetHistory(): void;
  /** The share link's setup. */
  setup(): Setup;
  /** The name of a download without its extension. */
  fileStem(): string;
}

/** One handler per type of ui event: a new event type is a compile error until it has one. */
export type EventHandlers = {
  [K in UiEvent['type']]: (event: Extract<UiEvent, { type: K }>) => void | Promise<void>;
};
