// A buffer copied texel for texel into another of the same layout: the GPU-side snapshots that undo loads
// back, with no readback to the CPU. u_targetLayout.zw is the texture size, the same for both buffers.
uniform sampler2D u_source;
uniform vec4 u_targetLayout;

void main() {
  gl_FragColor = texture2D(u_source, gl_FragCoord.xy / u_targetLayout.zw);
}
