// Perception: slot f * STATE_SLOTS + s holds channels 4s..4s+3 through filter f (filter-major).
// Defines: STATE_SLOTS, PERCEPTION_SLOTS, FILTERS.
uniform sampler2D u_cells;
uniform vec4 u_cellsLayout;
uniform vec4 u_targetLayout;
uniform float u_kernels[FILTERS * 9]; // kernel f, tap (dy + 1) * 3 + (dx + 1)

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  if (slot >= float(PERCEPTION_SLOTS)) { gl_FragColor = vec4(0.0); return; }
  float filter = floor(slot / float(STATE_SLOTS));
  float stateSlot = slot - filter * float(STATE_SLOTS);
  vec4 sum = vec4(0.0);
  for (int f = 0; f < FILTERS; f++) {
    if (float(f) != filter) continue;
    for (int tap = 0; tap < 9; tap++) {
      float weight = u_kernels[f * 9 + tap];
      if (weight == 0.0) continue;
      float dy = floor(float(tap) / 3.0);
      vec2 offset = vec2(float(tap) - 3.0 * dy, dy) - 1.0;
      sum += weight * atlasRead(u_cells, u_cellsLayout, wrapCell(cell, offset), stateSlot);
    }
  }
  gl_FragColor = sum;
}
