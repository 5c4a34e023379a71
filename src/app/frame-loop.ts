/**
 * The frame loop: steps (when running), draws, and measures at most ten times a second or whenever the
 * picture changed while paused. Steps/s comes from the step counter over the last second.
 */
import type { FrameStats } from '../ui/readout.ts';

export interface FrameHooks {
  /** Runs this frame's steps; returns how many ran. */
  advance(): number;
  draw(): void;
  measure(stats: FrameStats): void;
}

export interface FrameLoop {
  /** Something changed while paused: measure on the next frame. */
  invalidate(): void;
  stop(): void;
  start(): void;
}

export function createFrameLoop(hooks: FrameHooks): FrameLoop {
  let handle = 0;
  let dirty = true;
  let lastMeasure = 0;
  let frameMs = 0;
  let previous = 0;
  const history: { time: number; steps: number }[] = [];
  let totalSteps = 0;

  const frame = (now: number) => {
    handle = requestAnimationFrame(frame);
    // Frame time is the interval between frames: issuing the GPU's work takes a millisecond of CPU, doing
    // it takes what it takes, and the next frame waits for it.
    if (previous > 0) frameMs = frameMs === 0 ? now - previous : 0.8 * frameMs + 0.2 * (now - previous);
    previous = now;
    const steps = hooks.advance();
    hooks.draw();
    totalSteps += steps;
    history.push({ time: now, steps: totalSteps });
    while (history.length > 2 && now - history[0].time > 1000) history.shift();
    if (steps > 0) dirty = true;
    if (dirty && now - lastMeasure > 100) {
      const first = history[0];
      const span = (now - first.time) / 1000;
      hooks.measure({ stepsPerSecond: span > 0 ? (totalSteps - first.steps) / span : 0, frameMs });
      lastMeasure = now;
      dirty = false;
    }
  };

  const loop: FrameLoop = {
    invalidate() {
      dirty = true;
    },
    stop() {
      cancelAnimationFrame(handle);
      handle = 0;
      previous = 0;
    },
    start() {
      if (!handle) handle = requestAnimationFrame(frame);
    },
  };
  loop.start();
  return loop;
}
