// The update: ds = sum over expressed experts of e_k (W2_k h_k + b2_k), applied where the cell fires (life pass).
// Writes the state before alive masking. The hidden atlas is ranked (hidden.glsl): the r-th expressed
// expert's units are at slots r * RANK_SLOTS + j. Defines: EXPERTS, MARK_SLOTS, HIDDEN_SLOTS (weight rows),
// RANK_SLOTS. The loop over experts is unrolled (src/gpu/unroll.ts), so its uniform-array reads have
// constant indices.
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
  float rankStart = 0.0;
  // unroll
  for (int k = 0; k < EXPERTS; k++) {
    int c = k - 4 * (k / 4);
    if (c == 0) expression = atlasRead(u_regulation, u_regulationLayout, cell, float(MARK_SLOTS + k / 4));
    float e = c == 0 ? expression.x : c == 1 ? expression.y : c == 2 ? expression.z : expression.w;
    if (e != 0.0) {
      // The output weights are transposed (src/engine/weights.ts packExpertOut): row = hidden slot, bias rows last.
      vec4 delta = weightTexel(u_weights, u_weightsSize, slot, float(HIDDEN_SLOTS + k));
      for (int j = 0; j < RANK_SLOTS; j++) {
        if (float(j) >= u_expertCount[k]) break;
        delta += weightBlock(u_weights, u_weightsSize, slot, u_expertStart[k] + float(j))
          * atlasRead(u_hidden, u_hiddenLayout, cell, rankStart + float(j));
      }
      ds += e * delta;
      rankStart += float(RANK_SLOTS);
    }
  }
  vec4 state = atlasRead(u_cells, u_cellsLayout, cell, slot);
  bool fires = atlasRead(u_life, u_lifeLayout, cell, 0.0).g > 0.5;
  gl_FragColor = fires ? state + ds : state;
}
