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
  float alpha = neighbourhoodAlpha(u_cells, u_cellsLayout, cell);
  float fires = hashUniform(hashPrefix(cell, u_step, u_seed), 0.0) < u_fireRate ? 1.0 : 0.0;
  gl_FragColor = vec4(alpha > ALIVE_THRESHOLD ? 1.0 : 0.0, fires, 0.0, 0.0);
}
