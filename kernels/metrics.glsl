// Per-cell metrics, summed afterwards by kernels/reduce.glsl. Over cells whose own alpha exceeds ALIVE_THRESHOLD:
// slot 0 = (alive, potency, active-parameter fraction, silent); slot 1 + j = one-hot cell type, experts
// 4j..4j+3. Defines: STATE_SLOTS, MARK_SLOTS, EXPERTS, METRIC_SLOTS.
uniform sampler2D u_cells;
uniform vec4 u_cellsLayout;
uniform vec4 u_targetLayout;
uniform float u_gateFraction;
uniform float u_expertFraction[EXPERTS];

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  if (slot >= float(METRIC_SLOTS)) { gl_FragColor = vec4(0.0); return; }
  float alive = atlasRead(u_cells, u_cellsLayout, cell, 0.0).a > ALIVE_THRESHOLD ? 1.0 : 0.0;
  float entropy = 0.0, active = u_gateFraction, best = 0.0, type = -1.0;
  // unroll
  for (int k = 0; k < EXPERTS; k++) {
    float q = expertValue(u_cells, u_cellsLayout, cell, float(STATE_SLOTS), k);
    float e = expertValue(u_cells, u_cellsLayout, cell, float(STATE_SLOTS + MARK_SLOTS), k);
    if (q > 0.0) entropy -= q * log(q);
    if (e > 0.0) active += u_expertFraction[k];
    if (e > best) { best = e; type = float(k); }
  }
  float potency = EXPERTS > 1 ? entropy / log(float(EXPERTS)) : 0.0;
  if (slot == 0.0) {
    gl_FragColor = alive * vec4(1.0, potency, active, type < 0.0 ? 1.0 : 0.0);
  } else {
    vec4 index = 4.0 * (slot - 1.0) + vec4(0.0, 1.0, 2.0, 3.0);
    gl_FragColor = alive * vec4(equal(index, vec4(type)));
  }
}
