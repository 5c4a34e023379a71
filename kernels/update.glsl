// The update: ds = sum over expressed experts of e_k (W2_k h_k + b2_k), applied where the cell fires (life pass).
// Writes the state before alive masking. Defines: EXPERTS, MARK_SLOTS, HIDDEN_SLOTS, MAX_EXPERT_SLOTS.
uniform sampler2D u_cells;
uniform vec4 u_cellsLayout;
uniform sampler2D u_hidden;
uniform vec4 u_hiddenLayout;
uniform sampler2D u_regulation;
uniform vec4 u_regulationLayout;
uniform sampler2D u_weights;
uniform vec2 u_weightsSize;
uniform float u_expertStart[EXPERTS];
uniform float u_expertCount[EXPERTS];
uniform sampler2D u_life;
uniform vec4 u_lifeLayout;
uniform vec4 u_targetLayout;

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  if (slot >= float(STATE_SLOTS)) { gl_FragColor = vec4(0.0); return; }
  vec4 ds = vec4(0.0);
  vec4 expression = vec4(0.0);
  for (int k = 0; k < EXPERTS; k++) {
    int c = k - 4 * (k / 4);
    if (c == 0) expression = atlasRead(u_regulation, u_regulationLayout, cell, float(MARK_SLOTS + k / 4));
    float e = c == 0 ? expression.x : c == 1 ? expression.y : c == 2 ? expression.z : expression.w;
    if (e == 0.0) continue;
    // The output weights are transposed (src/engine/weights.ts packExpertOut): row = hidden slot, bias rows last.
    vec4 delta = weightTexel(u_weights, u_weightsSize, slot, float(HIDDEN_SLOTS + k));
    for (int j = 0; j < MAX_EXPERT_SLOTS; j++) {
      if (float(j) >= u_expertCount[k]) break;
      float hiddenSlot = u_expertStart[k] + float(j);
      delta += weightBlock(u_weights, u_weightsSize, slot, hiddenSlot) * atlasRead(u_hidden, u_hiddenLayout, cell, hiddenSlot);
    }
    ds += e * delta;
  }
  vec4 state = atlasRead(u_cells, u_cellsLayout, cell, slot);
  bool fires = atlasRead(u_life, u_lifeLayout, cell, 0.0).g > 0.5;
  gl_FragColor = fires ? state + ds : state;
}
