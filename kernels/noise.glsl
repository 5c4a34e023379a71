// Gate noise draws, run only while sigma > 0: slot k holds the four uniforms (streams 1 + 4k + j) whose
// Irwin-Hall sum is expert k's standard normal (src/model/hash.ts hashNormal). A pass of its own, one
// expert per fragment, because the whole hash unrolled for every expert inside the regulate pass takes
// SwiftShader a minute to compile. Defines: EXPERTS.
uniform vec4 u_targetLayout;
uniform float u_step, u_seed;

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  if (slot >= float(EXPERTS)) { gl_FragColor = vec4(0.0); return; }
  float prefix = hashPrefix(cell, u_step, u_seed);
  float stream = 1.0 + 4.0 * slot;
  gl_FragColor = vec4(
    hashUniform(prefix, stream), hashUniform(prefix, stream + 1.0),
    hashUniform(prefix, stream + 2.0), hashUniform(prefix, stream + 3.0));
}
