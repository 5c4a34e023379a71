// The first layer of the experts a cell expresses, ReLU. The hidden atlas is ranked, not stacked: slots
// [r * RANK_SLOTS, (r + 1) * RANK_SLOTS) hold the cell's r-th expressed expert (in index order), so a step
// with top-k k draws only the first k ranks and no fragment is spent on an expert the cell does not
// express: sparse expression saves the work whatever the mix of cell types. Expert k's weights are rows
// [start_k, start_k + count_k) of the weight texture.
// Defines: EXPERTS, MARK_SLOTS, PERCEPTION_SLOTS, RANK_SLOTS (the most slots of one expert), EQUAL_EXPERTS
// (1 when every expert has RANK_SLOTS slots).
uniform sampler2D u_perception;
uniform vec4 u_perceptionLayout;
uniform sampler2D u_regulation;
uniform vec4 u_regulationLayout;
uniform sampler2D u_weights;
uniform vec2 u_weightsSize;
uniform float u_expertStart[EXPERTS];
uniform float u_expertCount[EXPERTS];
uniform vec4 u_targetLayout;

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  float rank = floor(slot / float(RANK_SLOTS));
  float unit = slot - rank * float(RANK_SLOTS);
  // The cell's rank-th expressed expert, if it has one.
  float expert = -1.0;
  float seen = 0.0;
  vec4 expression = vec4(0.0);
  for (int k = 0; k < EXPERTS; k++) {
    int c = k - 4 * (k / 4);
    if (c == 0) expression = atlasRead(u_regulation, u_regulationLayout, cell, float(MARK_SLOTS + k / 4));
    float e = c == 0 ? expression.x : c == 1 ? expression.y : c == 2 ? expression.z : expression.w;
    if (e == 0.0) continue;
    if (seen == rank) { expert = float(k); break; }
    seen += 1.0;
  }
  if (expert < 0.0) { gl_FragColor = vec4(0.0); return; }
  // Its weight row for this unit. Experts of one size need no table (indexing uniform arrays by a value
  // computed per fragment is slow on SwiftShader).
#if EQUAL_EXPERTS
  float row = expert * float(RANK_SLOTS) + unit;
#else
  float row = -1.0;
  for (int k = 0; k < EXPERTS; k++) {
    if (float(k) == expert && unit < u_expertCount[k]) row = u_expertStart[k] + unit;
  }
  if (row < 0.0) { gl_FragColor = vec4(0.0); return; }
#endif
  vec4 sum = weightTexel(u_weights, u_weightsSize, 4.0 * float(PERCEPTION_SLOTS), row);
  for (int i = 0; i < PERCEPTION_SLOTS; i++) {
    sum += weightBlock(u_weights, u_weightsSize, float(i), row) * atlasRead(u_perception, u_perceptionLayout, cell, float(i));
  }
  gl_FragColor = max(sum, 0.0);
}
