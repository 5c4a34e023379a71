// The first layer of every expert, ReLU, for the cells that express it. The hidden atlas stacks the
// experts: expert k owns slots [start_k, start_k + count_k). A cell that does not express expert k writes
// zeros there after one read: this is where sparse expression saves the work.
// Defines: EXPERTS, MARK_SLOTS, PERCEPTION_SLOTS, HIDDEN_SLOTS.
uniform sampler2D u_perception;
uniform vec4 u_perceptionLayout;
uniform sampler2D u_regulation;
uniform vec4 u_regulationLayout;
uniform sampler2D u_weights;
uniform vec2 u_weightsSize;
uniform float u_expertStart[EXPERTS];
uniform vec4 u_targetLayout;

float component(vec4 v, float i) {
  return i < 1.5 ? (i < 0.5 ? v.x : v.y) : (i < 2.5 ? v.z : v.w);
}

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  if (slot >= float(HIDDEN_SLOTS)) { gl_FragColor = vec4(0.0); return; }
  float expert = 0.0;
  for (int k = 1; k < EXPERTS; k++) {
    if (slot >= u_expertStart[k]) expert = float(k);
  }
  float expressionSlot = floor(expert / 4.0);
  vec4 expression = atlasRead(u_regulation, u_regulationLayout, cell, float(MARK_SLOTS) + expressionSlot);
  if (component(expression, expert - 4.0 * expressionSlot) == 0.0) { gl_FragColor = vec4(0.0); return; }
  vec4 sum = weightTexel(u_weights, u_weightsSize, 4.0 * float(PERCEPTION_SLOTS), slot);
  for (int i = 0; i < PERCEPTION_SLOTS; i++) {
    sum += weightBlock(u_weights, u_weightsSize, float(i), slot) * atlasRead(u_perception, u_perceptionLayout, cell, float(i));
  }
  gl_FragColor = max(sum, 0.0);
}
