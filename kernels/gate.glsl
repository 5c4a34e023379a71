// One dense layer of the gate. Its inputs are up to three atlas ranges read in order (perception, the
// marks inside the cells atlas, the morphogens inside the fields atlas times the gain) or one (the hidden
// layer). Defines: INPUT0_SLOTS, INPUT1_SLOTS, INPUT2_SLOTS (0 = unused), OUTPUT_SLOTS, RELU (0 or 1).
// The input loops are unrolled (src/gpu/unroll.ts): every weight and input address is then a constant.
uniform sampler2D u_input0, u_input1, u_input2;
uniform vec4 u_input0Layout, u_input1Layout, u_input2Layout;
uniform float u_input1First, u_input2First; // first slot of the range in its atlas
uniform float u_input2Scale;
uniform sampler2D u_weights;
uniform vec2 u_weightsSize;
uniform vec4 u_targetLayout;

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  if (slot >= float(OUTPUT_SLOTS)) { gl_FragColor = vec4(0.0); return; }
  const float INPUT_SLOTS = float(INPUT0_SLOTS + INPUT1_SLOTS + INPUT2_SLOTS);
  vec4 sum = weightTexel(u_weights, u_weightsSize, 4.0 * INPUT_SLOTS, slot);
  // unroll
  for (int i = 0; i < INPUT0_SLOTS; i++) {
    sum += weightBlock(u_weights, u_weightsSize, float(i), slot) * atlasRead(u_input0, u_input0Layout, cell, float(i));
  }
  // unroll
  for (int i = 0; i < INPUT1_SLOTS; i++) {
    vec4 x = atlasRead(u_input1, u_input1Layout, cell, u_input1First + float(i));
    sum += weightBlock(u_weights, u_weightsSize, float(INPUT0_SLOTS + i), slot) * x;
  }
  // unroll
  for (int i = 0; i < INPUT2_SLOTS; i++) {
    vec4 x = u_input2Scale * atlasRead(u_input2, u_input2Layout, cell, u_input2First + float(i));
    sum += weightBlock(u_weights, u_weightsSize, float(INPUT0_SLOTS + INPUT1_SLOTS + i), slot) * x;
  }
  gl_FragColor = RELU == 1 ? max(sum, 0.0) : sum;
}
