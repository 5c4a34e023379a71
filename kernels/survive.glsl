// Whether each cell lives on: alive before (from the life pass) and after the update (the 3x3 maximum of
// the candidate alpha exceeds ALIVE_THRESHOLD). One slot: (alive, fires, 0, 0).
uniform sampler2D u_life;
uniform vec4 u_lifeLayout;
uniform sampler2D u_candidate;
uniform vec4 u_candidateLayout;
uniform vec4 u_targetLayout;

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  vec4 life = atlasRead(u_life, u_lifeLayout, cell, 0.0);
  float alpha = neighbourhoodAlpha(u_candidate, u_candidateLayout, cell);
  gl_FragColor = vec4(life.r > 0.5 && alpha > ALIVE_THRESHOLD ? 1.0 : 0.0, life.g, 0.0, 0.0);
}
