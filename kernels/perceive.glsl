// Perception: slot f * STATE_SLOTS + s holds channels 4s..4s+3 through filter f (filter-major).
// Defines: STATE_SLOTS, PERCEPTION_SLOTS, FILTERS, and KERNEL0..KERNEL<FILTERS-1>: each filter's 3x3
// kernel as a mat3 whose [dy + 1][dx + 1] weighs the neighbour (x + dx, y + dy), from src/model/perception.ts.
// The kernels are compile-time constants so that zero taps cost nothing.
uniform sampler2D u_cells;
uniform vec4 u_cellsLayout;
uniform vec4 u_targetLayout;

vec4 filtered(mat3 kernel, vec2 cell, float slot) {
  vec2 origin = atlasOrigin(u_cellsLayout, slot);
  vec4 sum = vec4(0.0);
  for (int dy = -1; dy <= 1; dy++) {
    for (int dx = -1; dx <= 1; dx++) {
      float weight = kernel[dy + 1][dx + 1];
      if (weight != 0.0) sum += weight * atlasReadAt(u_cells, u_cellsLayout, origin, wrapCell(cell, vec2(dx, dy)));
    }
  }
  return sum;
}

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  if (slot >= float(PERCEPTION_SLOTS)) { gl_FragColor = vec4(0.0); return; }
  float filter = floor(slot / float(STATE_SLOTS));
  float stateSlot = slot - filter * float(STATE_SLOTS);
  vec4 result = vec4(0.0);
  if (filter == 0.0) result = filtered(KERNEL0, cell, stateSlot);
#if FILTERS > 1
  else if (filter == 1.0) result = filtered(KERNEL1, cell, stateSlot);
#endif
#if FILTERS > 2
  else if (filter == 2.0) result = filtered(KERNEL2, cell, stateSlot);
#endif
#if FILTERS > 3
  else if (filter == 3.0) result = filtered(KERNEL3, cell, stateSlot);
#endif
  gl_FragColor = result;
}
