/**
 * What the controls ask of the app: one typed event union. The ui emits these and holds no simulation
 * state; the app (src/app) applies them to the simulation.
 */
import type { ParameterName } from '../model/params.ts';
import type { ViewSettings } from '../view/render-modes.ts';

export const TOOLS = ['pan', 'erase', 'seed', 'knockout', 'force', 'reprogram', 'morphogen', 'clone'] as const;
export type Tool = (typeof TOOLS)[number];

export interface ToolSettings {
  tool: Tool;
  /** Brush radius in cells. */
  radius: number;
  /** Expert the knockout / force tools act on; 'all' knocks out every expert. */
  expert: number | 'all';
  /** Knockout and force: true paints, false lifts. Morphogen: false erases (paints 0). */
  paint: boolean;
  morphogen: number;
  morphogenValue: number;
}

export type UiEvent =
  | { type: 'param'; name: ParameterName; value: number }
  | { type: 'globalKnockout'; expert: number; on: boolean }
  /** The environment signal, everywhere (genomes that read one). */
  | { type: 'environment'; value: number }
  | { type: 'play'; playing: boolean }
  | { type: 'step' }
  | { type: 'reset'; newSeed: boolean }
  | { type: 'view'; view: ViewSettings }
  | { type: 'tool'; settings: ToolSettings }
  /** A brush stroke on the canvas, in device pixels of the canvas. */
  | { type: 'stroke'; phase: 'start' | 'move' | 'end'; px: number; py: number }
  | { type: 'pan'; dx: number; dy: number }
  | { type: 'zoom'; factor: number; px: number; py: number }
  | { type: 'fit' }
  | { type: 'undo' }
  /** Lineage tracing: every clone label gone (undoable like a stroke). */
  | { type: 'clearClones' }
  | { type: 'preset'; key: string }
  | { type: 'openFile'; name: string; text: string }
  | { type: 'snapshot' }
  | { type: 'exportState' }
  | { type: 'importState'; name: string; text: string }
  | { type: 'share' }
  | { type: 'record' }
  | { type: 'gridSize'; width: number; height: number };

export type Emit = (event: UiEvent) => void;
