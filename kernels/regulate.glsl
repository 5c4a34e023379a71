// Regulation of each cell: gate noise, softmax with temperature, new marks, then expression (knockouts,
// forcing, top-k, threshold, renormalise). Slots [0, MARK_SLOTS) get the new marks (before fire),
// [MARK_SLOTS, 2 MARK_SLOTS) the expression. Cells dead before the update (life pass) express nothing:
// they are zeroed anyway, and sparse evaluation then skips them. Experts are held four to a vec4 so that
// the work is vector arithmetic; padding components past EXPERTS stay zero throughout.
// Defines: EXPERTS, MARK_SLOTS, STATE_SLOTS, HAS_GATE (0 or 1), NOISE (0 or 1: the build used while
// sigma > 0, reading the draws of the noise pass). Loops over experts are unrolled (src/gpu/unroll.ts).
uniform sampler2D u_cells;
uniform vec4 u_cellsLayout;
uniform sampler2D u_logits;
uniform vec4 u_logitsLayout;
uniform sampler2D u_fields;
uniform vec4 u_fieldsLayout;
uniform sampler2D u_life;
uniform vec4 u_lifeLayout;
uniform sampler2D u_noiseDraws; // the noise pass: four uniforms per expert
uniform vec4 u_noiseDrawsLayout;
uniform vec4 u_targetLayout;
uniform float u_temperature, u_plasticity, u_noise, u_topK, u_threshold, u_globalKnockouts;

vec4 expertIndex(int m) { return 4.0 * float(m) + vec4(0.0, 1.0, 2.0, 3.0); }
vec4 isExpert(int m) { return vec4(lessThan(expertIndex(m), vec4(float(EXPERTS)))); }
float total(vec4 v) { return dot(v, vec4(1.0)); }

// Bits 4m..4m+3 of a 16-bit set held in a float; powers = 2^(4m + (0, 1, 2, 3)).
vec4 bitsOf(float bits, vec4 powers) {
  vec4 shifted = floor(bits / powers);
  return shifted - 2.0 * floor(shifted / 2.0);
}

// 1 where expert (other, otherIndex) beats each of four experts (value, index), else 0.
vec4 beats(float other, float otherIndex, vec4 value, vec4 index) {
  return vec4(greaterThan(vec4(other), value))
    + vec4(equal(vec4(other), value)) * vec4(lessThan(vec4(otherIndex), index));
}

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  if (slot >= float(2 * MARK_SLOTS)) { gl_FragColor = vec4(0.0); return; }

  vec4 preference[MARK_SLOTS];
#if HAS_GATE
  float largest = -1e38;
  // unroll
  for (int m = 0; m < MARK_SLOTS; m++) {
    vec4 z = atlasRead(u_logits, u_logitsLayout, cell, float(m));
#if NOISE
    // unroll
    for (int c = 0; c < 4; c++) {
      if (4 * m + c < EXPERTS) {
        vec4 draws = atlasRead(u_noiseDraws, u_noiseDrawsLayout, cell, float(4 * m + c));
        z[c] += u_noise * (total(draws) - 2.0) * sqrt(3.0);
      }
    }
#endif
    preference[m] = z / u_temperature;
    // Padding components must not win the max. Not mix(-1e38, p, valid): GPUs may compute it as
    // a + t (b - a), which rounds p away and lets exp() overflow to Infinity.
    vec4 valid = isExpert(m);
    vec4 candidates = preference[m] * valid + (valid - 1.0) * 1e38;
    largest = max(largest, max(max(candidates.x, candidates.y), max(candidates.z, candidates.w)));
  }
  float sum = 0.0;
  // unroll
  for (int m = 0; m < MARK_SLOTS; m++) {
    preference[m] = isExpert(m) * exp(preference[m] - largest);
    sum += total(preference[m]);
  }
  // unroll
  for (int m = 0; m < MARK_SLOTS; m++) { preference[m] /= sum; }
#else
  // unroll
  for (int m = 0; m < MARK_SLOTS; m++) { preference[m] = isExpert(m) / float(EXPERTS); }
#endif

  vec4 painted = atlasRead(u_fields, u_fieldsLayout, cell, 0.0);
  vec4 marks[MARK_SLOTS];
  vec4 expression[MARK_SLOTS];
  vec4 powers = vec4(1.0, 2.0, 4.0, 8.0);
  // unroll
  for (int m = 0; m < MARK_SLOTS; m++) {
    vec4 old = atlasRead(u_cells, u_cellsLayout, cell, float(STATE_SLOTS + m));
    marks[m] = (1.0 - u_plasticity) * old + u_plasticity * preference[m];
    vec4 knocked = max(bitsOf(painted.r, powers), bitsOf(u_globalKnockouts, powers));
    expression[m] = marks[m] * (1.0 - knocked);
    powers *= 16.0;
  }

  // Top-k: an expert survives when fewer than topK experts beat it (larger, or equal with a lower index).
  // Padding components are zero at indices past every expert, so they never beat one. Each of the four
  // components of `other` is compared with all four of expression[m] at once.
  vec4 kept[MARK_SLOTS];
  // unroll
  for (int m = 0; m < MARK_SLOTS; m++) {
    vec4 value = expression[m];
    vec4 index = expertIndex(m);
    vec4 beaten = vec4(0.0);
    // unroll
    for (int n = 0; n < MARK_SLOTS; n++) {
      vec4 other = expression[n];
      vec4 otherIndex = expertIndex(n);
      beaten += beats(other.x, otherIndex.x, value, index) + beats(other.y, otherIndex.y, value, index)
        + beats(other.z, otherIndex.z, value, index) + beats(other.w, otherIndex.w, value, index);
    }
    kept[m] = vec4(lessThan(beaten, vec4(u_topK)));
  }
  float expressed = 0.0;
  // unroll
  for (int m = 0; m < MARK_SLOTS; m++) {
    expression[m] *= kept[m] * vec4(greaterThanEqual(expression[m], vec4(u_threshold)));
    expressed += total(expression[m]);
  }
  bool alive = atlasRead(u_life, u_lifeLayout, cell, 0.0).r > 0.5;
  float forced = painted.g;
  // unroll
  for (int m = 0; m < MARK_SLOTS; m++) {
    if (expressed > 0.0) expression[m] /= expressed;
    if (forced >= 0.0) expression[m] = vec4(equal(expertIndex(m), vec4(forced)));
    if (!alive) expression[m] = vec4(0.0);
  }

  vec4 result = vec4(0.0);
  // unroll
  for (int m = 0; m < MARK_SLOTS; m++) {
    if (slot == float(m)) result = marks[m];
    if (slot == float(MARK_SLOTS + m)) result = expression[m];
  }
  gl_FragColor = result;
}
