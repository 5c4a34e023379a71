// Lineage tracing (src/model/clones.ts, the definition): copies the fields atlas, moving each cell's clone
// label (slot 0, .b) from step t to t + 1. A cell living at t + 1 keeps its label if it lived at t, or takes
// the label of its living neighbour of largest alpha at t (ties to the first, row by row from the top
// left); any other cell has none. Living: own alpha above ALIVE_THRESHOLD. Runs only while tracing is on.
uniform sampler2D u_fields;
uniform vec4 u_fieldsLayout;
uniform sampler2D u_before; // cells at t
uniform vec4 u_beforeLayout;
uniform sampler2D u_after;  // cells at t + 1
uniform vec4 u_afterLayout;
uniform vec4 u_targetLayout;

float nextLabel(vec2 cell, float label) {
  if (!(atlasRead(u_after, u_afterLayout, cell, 0.0).a > ALIVE_THRESHOLD)) return 0.0;
  if (atlasRead(u_before, u_beforeLayout, cell, 0.0).a > ALIVE_THRESHOLD) return label;
  float best = ALIVE_THRESHOLD, inherited = 0.0;
  // unroll
  for (int dy = -1; dy <= 1; dy++) {
    // unroll
    for (int dx = -1; dx <= 1; dx++) {
      if (dx != 0 || dy != 0) {
        vec2 neighbour = wrapCell(cell, vec2(dx, dy));
        float a = atlasRead(u_before, u_beforeLayout, neighbour, 0.0).a;
        if (a > best) { best = a; inherited = atlasRead(u_fields, u_fieldsLayout, neighbour, 0.0).b; }
      }
    }
  }
  return inherited;
}

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  vec4 value = atlasRead(u_fields, u_fieldsLayout, cell, slot);
  if (slot == 0.0) value.b = nextLabel(cell, value.b);
  gl_FragColor = value;
}
