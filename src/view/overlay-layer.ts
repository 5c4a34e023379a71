/**
 * The overlay layer: pixi.js drawing on regl's own WebGL context, after the grid, so that PNG snapshots and
 * WebM recordings (which read the canvas) include the overlays. Each frame: regl has drawn the grid; pixi's
 * view of the GL state is reset (regl changed it behind pixi's back), pixi draws without clearing, pixi's
 * VAO is unbound again and regl re-reads its state (`_refresh`). pixi v8 runs on the WebGL1 context regl
 * creates (with OES_vertex_array_object), so the engine keeps its context as it is.
 *
 * Where pixi cannot start on that context, it draws on a transparent canvas stacked over the grid instead:
 * the user sees the overlays, but snapshots and recordings then miss them.
 */
import type REGL from 'regl';
import type { WebGLRenderer } from 'pixi.js';
import type { Camera } from './camera.ts';
import type { OverlayContent } from './overlay-content.ts';
import type { OverlayScene } from './overlay-scene.ts';

export type OverlayPath = 'shared context' | 'stacked canvas';

export interface OverlayLayer {
  /** Resolves with the path pixi took once it draws; rejects when it could start on neither. */
  readonly ready: Promise<OverlayPath>;
  /** Draws `scene` over the grid regl has just drawn (nothing until ready). */
  draw(scene: OverlayScene, view: { camera: Camera; gridWidth: number; gridHeight: number }): void;
  destroy(): void;
}

const OPTIONS = { resolution: 1, autoDensity: false, backgroundAlpha: 0, antialias: false, hello: false } as const;

type Pixi = typeof import('pixi.js');

/** pixi's destroy() loses its context through WEBGL_lose_context: on the shared context, that is regl's. */
function destroyKeepingContext(renderer: WebGLRenderer): void {
  (renderer.context.extensions as { loseContext: unknown }).loseContext = null;
  try {
    renderer.destroy();
  } catch {
    /* a lost or restored context: its objects are gone anyway */
  }
}

async function sharedRenderer(
  pixi: Pixi,
  gl: WebGLRenderingContext,
  canvas: HTMLCanvasElement,
): Promise<WebGLRenderer> {
  const renderer = new pixi.WebGLRenderer();
  try {
    // The canvas's own size: pixi resizes the canvas it is given to width x height, which would clear it.
    await renderer.init({
      ...OPTIONS,
      context: gl as WebGL2RenderingContext,
      canvas,
      width: canvas.width,
      height: canvas.height,
      clearBeforeRender: false,
    });
  } catch (error) {
    if (renderer.context?.extensions) destroyKeepingContext(renderer);
    throw error;
  }
  return renderer;
}

async function stackedRenderer(
  pixi: Pixi,
  under: HTMLCanvasElement,
): Promise<{ renderer: WebGLRenderer; canvas: HTMLCanvasElement }> {
  if (!under.parentElement)
    throw new Error('the canvas is not in the page: there is nothing to stack an overlay canvas on');
  const canvas = document.createElement('canvas');
  canvas.className = 'overlay-canvas';
  under.after(canvas);
  const renderer = new pixi.WebGLRenderer();
  await renderer.init({ ...OPTIONS, canvas, width: under.width, height: under.height, preferWebGLVersion: 2 });
  return { renderer, canvas };
}

export function createOverlayLayer(regl: REGL.Regl): OverlayLayer {
  const gl = regl._gl;
  const canvas = gl.canvas as HTMLCanvasElement;
  let content: OverlayContent | null = null;
  let renderer: WebGLRenderer | null = null;
  let stacked: HTMLCanvasElement | null = null;
  let path: OverlayPath | null = null;
  let destroyed = false;

  const release = () => {
    if (renderer && path === 'shared context') destroyKeepingContext(renderer);
    else renderer?.destroy();
    stacked?.remove();
    renderer = null;
    if (path === 'shared context') {
      // The next regl on this context (after a context loss) probes float readback with getError(), so no
      // error may be left pending: pixi leaves some (deleting objects of a lost context; on WebGL1 it also
      // sets TEXTURE_COMPARE_MODE, a WebGL2 enum), and a pending one would turn float readback off.
      for (let i = 0; i < 64 && gl.getError() !== gl.NO_ERROR; i++);
    }
  };

  const ready = (async (): Promise<OverlayPath> => {
    // Loaded on demand, in a chunk of its own: the grid and the controls do not wait for pixi.js.
    const [pixi, { createOverlayContent }] = await Promise.all([import('pixi.js'), import('./overlay-content.ts')]);
    if (destroyed) throw new Error('the GPU session closed before the overlays started');
    content = createOverlayContent();
    try {
      renderer = await sharedRenderer(pixi, gl, canvas);
      path = 'shared context';
    } catch (error) {
      console.warn(
        `Overlays: pixi.js cannot draw on the grid's WebGL context (${(error as Error).message}); `
          + 'drawing on a canvas above it, which snapshots and recordings do not include.',
      );
      ({ renderer, canvas: stacked } = await stackedRenderer(pixi, canvas));
      path = 'stacked canvas';
    } finally {
      if (!destroyed) regl._refresh(); // pixi's start set GL state that regl's cache does not know of
    }
    if (destroyed) release();
    return path;
  })();

  return {
    ready,
    draw(scene, view) {
      if (!renderer || !content || destroyed || gl.isContextLost()) return;
      const { width, height } = canvas;
      if (renderer.width !== width || renderer.height !== height) renderer.resize(width, height, 1);
      const pixelRatio = canvas.clientWidth > 0 ? width / canvas.clientWidth : 1;
      content.update(scene, { ...view, viewWidth: width, viewHeight: height, pixelRatio });
      if (path === 'stacked canvas') {
        renderer.render({ container: content.stage, clear: true });
        return;
      }
      renderer.resetState();
      renderer.render({ container: content.stage, clear: false });
      renderer.resetState(); // unbinds pixi's vertex array, so regl's attribute pointers land in the default one
      regl._refresh();
    },
    destroy() {
      if (destroyed) return;
      destroyed = true;
      release();
      content?.destroy();
    },
  };
}
