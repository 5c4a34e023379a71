/**
 * Mouse, pen and touch on the canvas, through pointer events: a drag paints with the current tool (or pans
 * with the pan tool, the right or middle button), the wheel zooms at the cursor, two fingers pan and
 * pinch. Positions are emitted in device pixels of the canvas, the camera's units.
 */
import type { Emit, Tool } from './events.ts';

export interface PointerOptions {
  canvas: HTMLCanvasElement;
  emit: Emit;
  tool: () => Tool;
  /**
   * Where the brush outline follows the pointer (CSS pixels within the canvas); null hides it. `dragging`
   * is true while a stroke, pan or pinch is under way: no time then for anything that waits for the GPU.
   */
  hover: (at: { x: number; y: number } | null, dragging: boolean) => void;
}

export function attachPointer({ canvas, emit, tool, hover }: PointerOptions): void {
  const active = new Map<number, { x: number; y: number }>();
  let mode: 'stroke' | 'pan' | 'pinch' | null = null;
  let lastPinch = 0;

  const device = (event: { clientX: number; clientY: number }) => {
    const rect = canvas.getBoundingClientRect();
    const scale = canvas.width / Math.max(1, rect.width);
    return {
      x: (event.clientX - rect.left) * scale,
      y: (event.clientY - rect.top) * scale,
      cssX: event.clientX - rect.left,
      cssY: event.clientY - rect.top,
    };
  };
  const pinchInfo = () => {
    const [a, b] = [...active.values()];
    return { distance: Math.hypot(a.x - b.x, a.y - b.y), x: (a.x + b.x) / 2, y: (a.y + b.y) / 2 };
  };

  canvas.addEventListener('contextmenu', (event) => event.preventDefault());
  canvas.addEventListener('pointerdown', (event) => {
    canvas.setPointerCapture(event.pointerId);
    canvas.focus();
    const at = device(event);
    active.set(event.pointerId, at);
    if (active.size === 2) {
      if (mode === 'stroke') emit({ type: 'stroke', phase: 'end', px: at.x, py: at.y });
      mode = 'pinch';
      lastPinch = pinchInfo().distance;
    } else if (active.size === 1) {
      mode = tool() === 'pan' || event.button === 1 || event.button === 2 ? 'pan' : 'stroke';
      if (mode === 'stroke') emit({ type: 'stroke', phase: 'start', px: at.x, py: at.y });
    }
  });
  canvas.addEventListener('pointermove', (event) => {
    const at = device(event);
    hover(event.pointerType === 'mouse' ? { x: at.cssX, y: at.cssY } : null, mode !== null);
    const previous = active.get(event.pointerId);
    if (!previous) return;
    active.set(event.pointerId, at);
    if (mode === 'stroke') emit({ type: 'stroke', phase: 'move', px: at.x, py: at.y });
    else if (mode === 'pan') emit({ type: 'pan', dx: at.x - previous.x, dy: at.y - previous.y });
    else if (mode === 'pinch' && active.size === 2) {
      const pinch = pinchInfo();
      emit({ type: 'pan', dx: (at.x - previous.x) / 2, dy: (at.y - previous.y) / 2 });
      if (lastPinch > 0) emit({ type: 'zoom', factor: pinch.distance / lastPinch, px: pinch.x, py: pinch.y });
      lastPinch = pinch.distance;
    }
  });
  const up = (event: PointerEvent) => {
    if (!active.delete(event.pointerId)) return;
    const at = device(event);
    if (mode === 'stroke') emit({ type: 'stroke', phase: 'end', px: at.x, py: at.y });
    if (active.size === 0) mode = null;
    else if (mode === 'pinch') mode = 'pan'; // one finger left: keep moving the view, never paint by accident
  };
  canvas.addEventListener('pointerup', up);
  canvas.addEventListener('pointercancel', up);
  canvas.addEventListener('pointerleave', () => hover(null, mode !== null));
  canvas.addEventListener(
    'wheel',
    (event) => {
      event.preventDefault();
      const at = device(event);
      // Pixel-mode wheels and trackpads give small deltas, line-mode wheels large: exp() treats both evenly.
      const delta = event.deltaMode === 1 ? event.deltaY * 16 : event.deltaY;
      emit({ type: 'zoom', factor: Math.exp(-delta * 0.0015), px: at.x, py: at.y });
    },
    { passive: false },
  );
}
