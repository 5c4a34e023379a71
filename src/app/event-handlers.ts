/**
 * What each ui event does, by concern: the regulation, the transport, the tools (strokes and clones), the
 * view, and files and sharing (file-handlers.ts). One table, one handler per event type.
 */
import type { UiEvent } from '../ui/events.ts';
import { panCamera, zoomCamera } from '../view/camera.ts';
import type { AppContext, EventHandlers } from './app-context.ts';
import { fileHandlers } from './file-handlers.ts';
import { resizeSimulation } from './gpu-session.ts';
import { randomSeed } from './grid-defaults.ts';

/** Each event to its own handler. */
export function eventDispatcher(app: AppContext): (event: UiEvent) => void | Promise<void> {
  const handlers = eventHandlers(app);
  // TypeScript cannot pair a union's member with its entry of the table.
  return (event) => (handlers[event.type] as (e: UiEvent) => void | Promise<void>)(event);
}

export function eventHandlers(app: AppContext): EventHandlers {
  return {
    ...regulationHandlers(app),
    ...transportHandlers(app),
    ...toolHandlers(app),
    ...viewHandlers(app),
    ...fileHandlers(app),
  };
}

/** Live regulation: nothing restarts. */
function regulationHandlers({ sim }: AppContext): Pick<EventHandlers, 'param' | 'globalKnockout' | 'environment'> {
  return {
    param: (event) => sim().setParams({ [event.name]: event.value }),
    globalKnockout: (event) => {
      const rest = sim().params.knockouts.filter((k) => k !== event.expert);
      sim().setParams({ knockouts: event.on ? [...rest, event.expert].sort((a, b) => a - b) : rest });
    },
    environment: (event) => sim().setEnvironment(event.value),
  };
}

/** Play, step, and starting the grid over (reset, another size). */
function transportHandlers(app: AppContext): Pick<EventHandlers, 'play' | 'step' | 'reset' | 'gridSize'> {
  const { model, sim, ui } = app;
  return {
    play: (event) => {
      model.playing = event.playing;
    },
    step: () => {
      sim().step(1);
      model.playing = false;
    },
    reset: (event) => {
      const s = sim();
      s.reset(event.newSeed ? randomSeed() : s.seed);
      app.forgetHistory();
      ui.plots.restart(s.sizes.experts);
    },
    gridSize: (event) => {
      const s = sim();
      const { width, height } = event;
      const { seed, params, environment } = s;
      resizeSimulation(app.gpu(), { genome: model.genome, width, height, seed, params, environment });
      app.forgetHistory();
      ui.plots.restart(s.sizes.experts);
      app.fit();
    },
  };
}

/** The tool, its strokes on the canvas, undo, and clearing the clones. */
function toolHandlers(app: AppContext): Pick<EventHandlers, 'tool' | 'stroke' | 'undo' | 'clearClones'> {
  const { model, sim, strokes } = app;
  return {
    tool: (event) => {
      model.tool = event.settings;
    },
    stroke: (event) => {
      const [x, y] = app.cellAt(event.px, event.py);
      if (event.phase === 'start') {
        strokes.start(sim(), model.tool, x, y, model.tool.tool === 'clone' ? app.cloneLabels.next() : 0);
      } else if (event.phase === 'move') strokes.move(sim(), model.tool, x, y);
      else strokes.end();
    },
    undo: () => {
      strokes.undo(sim());
    },
    clearClones: () => {
      const s = sim();
      if (!s.tracing) return;
      strokes.remember(s); // undo brings the clones back
      app.journal.record(s).clearClones();
      app.cloneLabels.clear();
      app.ui.fates.clear();
    },
  };
}

/** What is drawn and where the camera looks. */
function viewHandlers(app: AppContext): Pick<EventHandlers, 'view' | 'pan' | 'zoom' | 'fit'> {
  const { model } = app;
  const moved = (camera: typeof model.camera) => {
    model.camera = camera;
    model.cameraMoved = true;
  };
  return {
    view: (event) => {
      model.view = event.view;
    },
    pan: (event) => moved(panCamera(model.camera, event.dx, event.dy)),
    zoom: (event) => moved(zoomCamera(model.camera, event.factor, event.px, event.py, app.size().w, app.size().h)),
    fit: () => app.fit(),
  };
}
