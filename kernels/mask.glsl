// Alive masking and the cells of time t + 1: alive if the 3x3 maximum of alpha exceeds 0.1 before and after
// the update. The living take the new state, the new marks if they fired (else their old marks) and the
// expression they used; the dead hold zero state, uniform marks and no expression.
// Defines: STATE_SLOTS, MARK_SLOTS, EXPERTS.
uniform sampler2D u_cells;
uniform vec4 u_cellsLayout;
uniform sampler2D u_candidate;
uniform vec4 u_candidateLayout;
uniform sampler2D u_regulation;
uniform vec4 u_regulationLayout;
uniform float u_fireRate, u_step, u_seed;
uniform vec4 u_targetLayout;

const float ALIVE_THRESHOLD = 0.1;

float neighbourhoodAlpha(sampler2D atlas, vec4 layout, vec2 cell) {
  float alpha = 0.0;
  for (int dy = -1; dy <= 1; dy++) {
    for (int dx = -1; dx <= 1; dx++) alpha = max(alpha, atlasRead(atlas, layout, wrapCell(cell, vec2(dx, dy)), 0.0).a);
  }
  return alpha;
}

// Uniform marks 1/K in the components of slot `markSlot` that hold an expert, zero in the padding.
vec4 uniformMarks(float markSlot) {
  vec4 index = 4.0 * markSlot + vec4(0.0, 1.0, 2.0, 3.0);
  return vec4(lessThan(index, vec4(float(EXPERTS)))) / float(EXPERTS);
}

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  if (slot >= float(STATE_SLOTS + 2 * MARK_SLOTS)) { gl_FragColor = vec4(0.0); return; }
  bool alive = neighbourhoodAlpha(u_cells, u_cellsLayout, cell) > ALIVE_THRESHOLD
    && neighbourhoodAlpha(u_candidate, u_candidateLayout, cell) > ALIVE_THRESHOLD;
  if (slot < float(STATE_SLOTS)) {
    gl_FragColor = alive ? atlasRead(u_candidate, u_candidateLayout, cell, slot) : vec4(0.0);
  } else if (slot < float(STATE_SLOTS + MARK_SLOTS)) {
    float markSlot = slot - float(STATE_SLOTS);
    bool fires = hashUniform(hashPrefix(cell, u_step, u_seed), 0.0) < u_fireRate;
    vec4 marks = fires ? atlasRead(u_regulation, u_regulationLayout, cell, markSlot) : atlasRead(u_cells, u_cellsLayout, cell, slot);
    gl_FragColor = alive ? marks : uniformMarks(markSlot);
  } else {
    float expressionSlot = slot - float(STATE_SLOTS + MARK_SLOTS);
    gl_FragColor = alive ? atlasRead(u_regulation, u_regulationLayout, cell, float(MARK_SLOTS) + expressionSlot) : vec4(0.0);
  }
}
