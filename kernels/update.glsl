// The update: ds = sum over expressed experts of e_k (W2_k h_k + b2_k), applied where the cell fires (life pass).
// Writes the state before alive masking. The hidden atlas is packed per cell (hidden.glsl): the slots of
// the expressed experts one after another. Defines: EXPERTS, MARK_SLOTS, HIDDEN_SLOTS (weight rows),
// MAX_EXPERT_SLOTS. The scan over experts is unrolled (src/gpu/unroll.ts), so its uniform-array reads have
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
uniform float u_ranks; // min(top-k, K): the most experts a cell expresses
uniform sampler2D u_life;
uniform vec4 u_lifeLayout;
uniform vec4 u_targetLayout;

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  if (slot >= float(STATE_SLOTS)) { gl_FragColor = vec4(0.0); return; }
  vec4 ds = vec4(0.0);
  // Rank by rank (the hidden atlas's order), so that every cell runs the same loops whatever experts it
  // expresses: no divergence between neighbours of different types.
  for (int rank = 0; rank < EXPERTS; rank++) {
    if (float(rank) >= u_ranks) break;
    // The rank-th expressed expert: its expression, first weight row, slot count, bias row and first
    // hidden slot (after the slots of the experts of lower rank).
    float e = 0.0, first = 0.0, count = 0.0, biasRow = 0.0, hiddenFirst = 0.0, seen = 0.0, filled = 0.0;
    // unroll
    for (int k = 0; k < EXPERTS; k++) {
      float ek = expertValue(u_regulation, u_regulationLayout, cell, float(MARK_SLOTS), k);
      if (ek != 0.0) {
        if (seen == float(rank)) {
          e = ek;
          first = u_expertStart[k];
          count = u_expertCount[k];
          biasRow = float(HIDDEN_SLOTS + k);
          hiddenFirst = filled;
        }
        seen += 1.0;
        filled += u_expertCount[k];
      }
    }
    if (e == 0.0) break; // fewer expressed experts than ranks
    // The output weights are transposed (src/engine/weights.ts packExpertOut): row = hidden slot, bias rows last.
    vec4 delta = weightTexel(u_weights, u_weightsSize, slot, biasRow);
    for (int j = 0; j < MAX_EXPERT_SLOTS; j++) {
      if (float(j) >= count) break;
      delta += weightBlock(u_weights, u_weightsSize, slot, first + float(j))
        * atlasRead(u_hidden, u_hiddenLayout, cell, hiddenFirst + float(j));
    }
    ds += e * delta;
  }
  vec4 state = atlasRead(u_cells, u_cellsLayout, cell, slot);
  bool fires = atlasRead(u_life, u_lifeLayout, cell, 0.0).g > 0.5;
  gl_FragColor = fires ? state + ds : state;
}
