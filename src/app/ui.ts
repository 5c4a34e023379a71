/** What the app controller needs of the page: the ui modules plus a few browser services. */
import type { Banner } from '../ui/banner.ts';
import type { ParamsPanel } from '../ui/params-panel.ts';
import type { Plots } from '../ui/plots.ts';
import type { FatePanel } from '../ui/fate-panel.ts';
import type { PresetPicker } from '../ui/preset-picker.ts';
import type { Readout } from '../ui/readout.ts';
import type { Toolbar } from '../ui/toolbar.ts';
import type { Transport } from '../ui/transport.ts';
import type { Setup } from '../ui/url-state.ts';
import type { ViewSettings } from '../view/render-modes.ts';

export interface AppUi {
  panel: ParamsPanel;
  transport: Transport;
  toolbar: Toolbar;
  picker: PresetPicker;
  plots: Plots;
  /** Lineage tracing: a live plot per clone. */
  fates: FatePanel;
  readout: Readout;
  banner: Banner;
  legend(view: ViewSettings, experts: number, genomeName: string): void;
  /** The picture changed while paused: measure again. */
  invalidate(): void;
  download(blob: Blob, fileName: string): void;
  /** Downloads the current view as a PNG. */
  snapshot(fileName: string): void;
  /** Writes the setup into the URL hash (and the clipboard where allowed). */
  share(setup: Setup): void;
  /** Starts or stops the WebM recording (stopping downloads it as `fileName`). */
  record(fileName: string): void;
}
