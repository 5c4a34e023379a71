/**
 * What the user did to the grid since it last started over, kept four ways: the strokes' undo stack, the
 * journal a share link replays, the painted regions the overlays outline, and the clone labels handed out.
 */
import { createCloneLabels } from './clone-labels.ts';
import { createPaintedRegions } from './painted-regions.ts';
import { createStrokeJournal } from './stroke-journal.ts';
import { createStrokes, recordStrokes } from './strokes.ts';
import type { AppUi } from './ui.ts';

export function createGridHistory(ui: AppUi) {
  const painted = createPaintedRegions();
  const journal = createStrokeJournal();
  const strokes = recordStrokes(recordStrokes(createStrokes(), painted), journal);
  const cloneLabels = createCloneLabels();
  return {
    painted,
    journal,
    strokes,
    cloneLabels,
    /** The grid starts over (reset, another genome, another size, an import): no stroke to undo, no clone to follow. */
    forgetHistory(): void {
      strokes.clear();
      cloneLabels.clear();
      ui.fates.clear();
    },
  };
}
