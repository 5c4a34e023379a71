// Once per cell, what every later pass of the step needs to know: whether the cell is alive before the
// update (the 3x3 maximum of alpha exceeds ALIVE_THRESHOLD) and whether it fires this step (the hash of
// src/model/hash.ts under the fire rate). One slot: (alive before, fires, 0, 0).
uniform sampler2D u_cells;
uniform vec4 u_cellsLayout;
uniform vec4 u_targetLayout;
uniform float u_fireRate, u_step, u_seed;

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  float alpha = 0.0;
  // unroll
  for (int dy = -1; dy <= 1; dy++) {
    // unroll
    for (int dx = -1; dx <= 1; dx++) { alpha = max(alpha, atlasRead(u_cells, u_cellsLayout, wrapCell(cell, vec2(dx, dy)), 0.0).a); }
  }
  float fires = hashUniform(hashPrefix(cell, u_step, u_seed), 0.0) < u_fireRate ? 1.0 : 0.0;
  gl_FragColor = vec4(alpha > ALIVE_THRESHOLD ? 1.0 : 0.0, fires, 0.0, 0.0);
}
