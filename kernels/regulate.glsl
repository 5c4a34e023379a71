// Regulation of each cell: gate noise, softmax with temperature, new marks, then expression (knockouts,
// forcing, top-k, threshold, renormalise). Slots [0, MARK_SLOTS) get the new marks (before fire),
// [MARK_SLOTS, 2 MARK_SLOTS) the expression. Cells dead before the update express nothing: they are
// zeroed anyway, and sparse evaluation then skips them.
// Defines: EXPERTS, MARK_SLOTS, STATE_SLOTS, HAS_GATE (0 or 1).
uniform sampler2D u_cells;
uniform vec4 u_cellsLayout;
uniform sampler2D u_logits;
uniform vec4 u_logitsLayout;
uniform sampler2D u_fields;
uniform vec4 u_fieldsLayout;
uniform vec4 u_targetLayout;
uniform float u_temperature, u_plasticity, u_noise, u_topK, u_threshold, u_globalKnockouts;
uniform float u_step, u_seed;

const float ALIVE_THRESHOLD = 0.1;

float component(vec4 v, int i) {
  if (i == 0) return v.x;
  if (i == 1) return v.y;
  if (i == 2) return v.z;
  return v.w;
}

bool aliveBefore(vec2 cell) {
  for (int dy = -1; dy <= 1; dy++) {
    for (int dx = -1; dx <= 1; dx++) {
      if (atlasRead(u_cells, u_cellsLayout, wrapCell(cell, vec2(dx, dy)), 0.0).a > ALIVE_THRESHOLD) return true;
    }
  }
  return false;
}

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  if (slot >= float(2 * MARK_SLOTS)) { gl_FragColor = vec4(0.0); return; }

  float preference[EXPERTS];
  float marks[EXPERTS];
  float expression[EXPERTS];
  for (int k = 0; k < EXPERTS; k++) {
    float markSlot = float(STATE_SLOTS + k / 4);
    marks[k] = component(atlasRead(u_cells, u_cellsLayout, cell, markSlot), k - 4 * (k / 4));
  }

#if HAS_GATE
  float prefix = hashPrefix(cell, u_step, u_seed);
  float largest = -1e38;
  for (int k = 0; k < EXPERTS; k++) {
    float z = component(atlasRead(u_logits, u_logitsLayout, cell, float(k / 4)), k - 4 * (k / 4));
    if (u_noise > 0.0) {
      float draws = 0.0;
      for (int j = 0; j < 4; j++) draws += hashUniform(prefix, float(1 + 4 * k + j));
      z += u_noise * (draws - 2.0) * sqrt(3.0);
    }
    preference[k] = z / u_temperature;
    largest = max(largest, preference[k]);
  }
  float total = 0.0;
  for (int k = 0; k < EXPERTS; k++) {
    preference[k] = exp(preference[k] - largest);
    total += preference[k];
  }
  for (int k = 0; k < EXPERTS; k++) preference[k] /= total;
#else
  for (int k = 0; k < EXPERTS; k++) preference[k] = 1.0 / float(EXPERTS);
#endif

  for (int k = 0; k < EXPERTS; k++) marks[k] = (1.0 - u_plasticity) * marks[k] + u_plasticity * preference[k];

  vec4 painted = atlasRead(u_fields, u_fieldsLayout, cell, 0.0);
  float forced = painted.g;
  for (int k = 0; k < EXPERTS; k++) {
    bool knocked = max(bitAt(painted.r, float(k)), bitAt(u_globalKnockouts, float(k))) > 0.5;
    expression[k] = knocked ? 0.0 : marks[k];
  }
  // Top-k: an expert survives when fewer than topK experts beat it (larger, or equal with a lower index).
  float kept[EXPERTS];
  for (int k = 0; k < EXPERTS; k++) {
    float beaten = 0.0;
    for (int j = 0; j < EXPERTS; j++) {
      if (expression[j] > expression[k] || (expression[j] == expression[k] && j < k)) beaten += 1.0;
    }
    kept[k] = beaten < u_topK ? 1.0 : 0.0;
  }
  float sum = 0.0;
  for (int k = 0; k < EXPERTS; k++) {
    if (kept[k] == 0.0 || expression[k] < u_threshold) expression[k] = 0.0;
    sum += expression[k];
  }
  bool alive = aliveBefore(cell);
  for (int k = 0; k < EXPERTS; k++) {
    if (sum > 0.0) expression[k] /= sum;
    if (forced >= 0.0) expression[k] = float(k) == forced ? 1.0 : 0.0;
    if (!alive) expression[k] = 0.0;
  }

  bool writesMarks = slot < float(MARK_SLOTS);
  float first = 4.0 * (writesMarks ? slot : slot - float(MARK_SLOTS));
  vec4 result = vec4(0.0);
  for (int k = 0; k < EXPERTS; k++) {
    float value = writesMarks ? marks[k] : expression[k];
    float offset = float(k) - first;
    if (offset == 0.0) result.x = value;
    else if (offset == 1.0) result.y = value;
    else if (offset == 2.0) result.z = value;
    else if (offset == 3.0) result.w = value;
  }
  gl_FragColor = result;
}
