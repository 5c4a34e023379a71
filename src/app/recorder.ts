/**
 * WebM recording of the view: MediaRecorder on the canvas's capture stream. The browser encodes the
 * composited frames, so the recording costs no readback in the frame loop.
 */

export interface Recorder {
  readonly recording: boolean;
  /** Starts recording, or stops and hands the video to `save`. */
  toggle(save: (video: Blob) => void): void;
}

export function createRecorder(canvas: HTMLCanvasElement): Recorder {
  let recorder: MediaRecorder | null = null;
  return {
    get recording() {
      return recorder !== null;
    },
    toggle(save) {
      if (recorder) {
        recorder.stop();
        recorder = null;
        return;
      }
      if (typeof MediaRecorder === 'undefined' || !canvas.captureStream)
        throw new Error('This browser cannot record the canvas (no MediaRecorder).');
      const type = ['video/webm;codecs=vp9', 'video/webm;codecs=vp8', 'video/webm'].find((t) =>
        MediaRecorder.isTypeSupported(t),
      );
      if (!type) throw new Error('This browser cannot record WebM video.');
      const chunks: Blob[] = [];
      const next = new MediaRecorder(canvas.captureStream(30), { mimeType: type, videoBitsPerSecond: 4_000_000 });
      next.ondataavailable = (event) => {
        if (event.data.size > 0) chunks.push(event.data);
      };
      next.onstop = () => save(new Blob(chunks, { type: 'video/webm' }));
      next.start(250);
      recorder = next;
    },
  };
}
