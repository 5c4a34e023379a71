// Perception: slot f * STATE_SLOTS + s holds channels 4s..4s+3 through filter f (filter-major).
// Defines: STATE_SLOTS, PERCEPTION_SLOTS. `filtered` is written by src/engine/kernel-code.ts from the
// genome's filters (src/model/perception.ts): each filter's non-zero taps, straight-line, with the
// neighbours' coordinates computed once. SwiftShader runs loops and branches as written, so a 3x3 loop
// that skips zero weights would cost the nine taps' logic.
uniform sampler2D u_cells;
uniform vec4 u_cellsLayout;
uniform vec4 u_targetLayout;

// The cell at (x, y), its slot at `origin` of the cells atlas.
vec4 tap(vec2 origin, float x, float y) { return atlasReadAt(u_cells, u_cellsLayout, origin, vec2(x, y)); }

// @generated: vec4 filtered(float filter, vec2 origin, vec3 xs, vec3 ys)

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  if (slot >= float(PERCEPTION_SLOTS)) { gl_FragColor = vec4(0.0); return; }
  float filter = floor(slot / float(STATE_SLOTS));
  vec2 origin = atlasOrigin(u_cellsLayout, slot - filter * float(STATE_SLOTS));
  vec2 low = wrapCell(cell, vec2(-1.0)), high = wrapCell(cell, vec2(1.0));
  vec3 xs = vec3(low.x, cell.x, high.x), ys = vec3(low.y, cell.y, high.y);
  gl_FragColor = filtered(filter, origin, xs, ys);
}
