// The first layer of the experts a cell expresses, ReLU. The hidden atlas is packed per cell: the slots of
// the cell's expressed experts one after another, in index order (expert k has count_k slots, its weights
// are rows [start_k, start_k + count_k) of the weight texture). A step with top-k k draws only as many
// slots as the k largest experts fill, so no fragment is spent on an expert the cell does not express,
// whatever the mix of cell types; slots past the cell's own experts write zeros.
// Defines: EXPERTS, MARK_SLOTS, PERCEPTION_SLOTS. The scan over experts is unrolled (src/gpu/unroll.ts):
// its uniform-array reads have constant indices. `layer` is written by src/engine/kernel-code.ts.
uniform sampler2D u_perception;
uniform vec4 u_perceptionLayout;
uniform sampler2D u_regulation;
uniform vec4 u_regulationLayout;
uniform sampler2D u_weights;
uniform vec2 u_weightsSize;
uniform float u_expertStart[EXPERTS];
uniform float u_expertCount[EXPERTS];
uniform vec4 u_targetLayout;

// @generated: vec4 layer(float v, vec2 base): the weight row v times the cell's perception at base, plus bias

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  // The weight row of this slot: the expressed expert whose slots cover it, if any.
  float row = -1.0;
  float first = 0.0; // the first slot of expert k in this cell's packing
  // unroll
  for (int k = 0; k < EXPERTS; k++) {
    if (expertValue(u_regulation, u_regulationLayout, cell, float(MARK_SLOTS), k) != 0.0) {
      if (row < 0.0 && slot < first + u_expertCount[k]) row = u_expertStart[k] + slot - first;
      first += u_expertCount[k];
    }
  }
  if (row < 0.0) { gl_FragColor = vec4(0.0); return; }
  // The layer, straight-line: every texture coordinate but the row is a constant, so each 4x4 block costs
  // its five fetches and little else.
  float v = (row + 0.5) / u_weightsSize.y;
  vec2 base = (cell + 0.5) / u_perceptionLayout.zw;
  gl_FragColor = max(layer(v, base), 0.0);
}
