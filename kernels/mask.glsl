// Alive masking and the cells of time t + 1 (alive and fire from the survive pass). The living take the
// new state, the new marks if they fired (else their old marks) and the expression they used; the dead
// hold zero state, uniform marks and no expression. Defines: STATE_SLOTS, MARK_SLOTS, EXPERTS.
uniform sampler2D u_cells;
uniform vec4 u_cellsLayout;
uniform sampler2D u_candidate;
uniform vec4 u_candidateLayout;
uniform sampler2D u_regulation;
uniform vec4 u_regulationLayout;
uniform sampler2D u_survival;
uniform vec4 u_survivalLayout;
uniform vec4 u_targetLayout;

// Uniform marks 1/K in the components of slot `markSlot` that hold an expert, zero in the padding.
vec4 uniformMarks(float markSlot) {
  vec4 index = 4.0 * markSlot + vec4(0.0, 1.0, 2.0, 3.0);
  return vec4(lessThan(index, vec4(float(EXPERTS)))) / float(EXPERTS);
}

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  if (slot >= float(STATE_SLOTS + 2 * MARK_SLOTS)) { gl_FragColor = vec4(0.0); return; }
  vec4 survival = atlasRead(u_survival, u_survivalLayout, cell, 0.0);
  bool alive = survival.r > 0.5;
  if (slot < float(STATE_SLOTS)) {
    gl_FragColor = alive ? atlasRead(u_candidate, u_candidateLayout, cell, slot) : vec4(0.0);
  } else if (slot < float(STATE_SLOTS + MARK_SLOTS)) {
    float markSlot = slot - float(STATE_SLOTS);
    vec4 marks = survival.g > 0.5
      ? atlasRead(u_regulation, u_regulationLayout, cell, markSlot)
      : atlasRead(u_cells, u_cellsLayout, cell, slot);
    gl_FragColor = alive ? marks : uniformMarks(markSlot);
  } else {
    float expressionSlot = slot - float(STATE_SLOTS + MARK_SLOTS);
    gl_FragColor = alive
      ? atlasRead(u_regulation, u_regulationLayout, cell, float(MARK_SLOTS) + expressionSlot)
      : vec4(0.0);
  }
}
