// Perception: slot f * STATE_SLOTS + s holds channels 4s..4s+3 through filter f (filter-major).
// Defines: STATE_SLOTS, PERCEPTION_SLOTS, FILTERS, and FILTER0..FILTER<FILTERS-1>: each filter's non-zero
// taps as one expression of TAP(i, j) terms (i, j in 0..2 for dx, dy = -1..1), written by
// src/engine/kernel-code.ts from src/model/perception.ts. Straight-line taps with the neighbours' coordinates computed once: SwiftShader
// runs loops and branches as written, so a 3x3 loop that skips zero weights costs the nine taps' logic.
uniform sampler2D u_cells;
uniform vec4 u_cellsLayout;
uniform vec4 u_targetLayout;

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  if (slot >= float(PERCEPTION_SLOTS)) { gl_FragColor = vec4(0.0); return; }
  float filter = floor(slot / float(STATE_SLOTS));
  vec2 origin = atlasOrigin(u_cellsLayout, slot - filter * float(STATE_SLOTS));
  vec2 low = wrapCell(cell, vec2(-1.0)), high = wrapCell(cell, vec2(1.0));
  vec3 xs = vec3(low.x, cell.x, high.x), ys = vec3(low.y, cell.y, high.y);
#define TAP(i, j) atlasReadAt(u_cells, u_cellsLayout, origin, vec2(xs[i], ys[j]))
  vec4 result = vec4(0.0);
  if (filter == 0.0) result = FILTER0;
#if FILTERS > 1
  else if (filter == 1.0) result = FILTER1;
#endif
#if FILTERS > 2
  else if (filter == 2.0) result = FILTER2;
#endif
#if FILTERS > 3
  else if (filter == 3.0) result = FILTER3;
#endif
  gl_FragColor = result;
}
