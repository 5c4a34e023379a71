// Per-cell metrics, summed afterwards by kernels/reduce.glsl. Over cells whose own alpha exceeds
// ALIVE_THRESHOLD, in GROUPS groups of METRIC_SLOTS slots: group slot 0 = (alive, potency,
// active-parameter fraction, silent); group slot 1 + j = one-hot cell type, experts 4j..4j+3. With
// PER_CLONE, group g counts only the cells of clone g + 1 (the label in the fields atlas, slot 0 .b);
// otherwise there is one group, the whole grid. Defines: STATE_SLOTS, MARK_SLOTS, EXPERTS, METRIC_SLOTS,
// GROUPS, PER_CLONE.
uniform sampler2D u_cells;
uniform vec4 u_cellsLayout;
uniform vec4 u_targetLayout;
uniform float u_gateFraction;
uniform float u_expertFraction[EXPERTS];
#if PER_CLONE
uniform sampler2D u_fields;
uniform vec4 u_fieldsLayout;
#endif

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  float group = floor(slot / float(METRIC_SLOTS));
  float inner = slot - group * float(METRIC_SLOTS);
  if (group >= float(GROUPS)) { gl_FragColor = vec4(0.0); return; }
  float alive = atlasRead(u_cells, u_cellsLayout, cell, 0.0).a > ALIVE_THRESHOLD ? 1.0 : 0.0;
#if PER_CLONE
  if (abs(atlasRead(u_fields, u_fieldsLayout, cell, 0.0).b - (group + 1.0)) > 0.5) alive = 0.0;
#endif
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
  if (inner == 0.0) {
    gl_FragColor = alive * vec4(1.0, potency, active, type < 0.0 ? 1.0 : 0.0);
  } else {
    vec4 index = 4.0 * (inner - 1.0) + vec4(0.0, 1.0, 2.0, 3.0);
    gl_FragColor = alive * vec4(equal(index, vec4(type)));
  }
}
