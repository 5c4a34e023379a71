// Brushes: copy an atlas, changing the cells under a disc (wrapped around the torus). One program over the
// cells atlas (erase, seed, reprogram) and one over the fields atlas (knockout, force, morphogen, clone),
// chosen by TARGET_FIELDS. Defines: TARGET_FIELDS, STATE_SLOTS, MARK_SLOTS, EXPERTS, CHANNELS.
uniform sampler2D u_source;
uniform vec4 u_sourceLayout;
uniform vec4 u_targetLayout;
uniform vec2 u_center;   // cell, already rounded
uniform float u_radius;
uniform float u_kind;    // see BRUSH_KINDS in src/engine/brush-program.ts
uniform float u_value;   // knockout bits, forced expert, morphogen value, clone label
uniform sampler2D u_cells; // the clone brush labels living cells only
uniform vec4 u_cellsLayout;
uniform float u_channel; // morphogen channel

bool underDisc(vec2 cell) {
  vec2 d = abs(cell - u_center);
  d = min(d, u_grid - d);
  return dot(d, d) <= u_radius * u_radius;
}

vec4 indexed(float slot) { return 4.0 * slot + vec4(0.0, 1.0, 2.0, 3.0); }

vec4 uniformMarks(float markSlot) {
  return vec4(lessThan(indexed(markSlot), vec4(float(EXPERTS)))) / float(EXPERTS);
}

// OR (set) or AND NOT (clear) of 16-bit sets held in floats.
float combineBits(float bits, float change, bool set) {
  float result = 0.0;
  for (int k = 0; k < 16; k++) {
    float b = bitAt(bits, float(k)), c = bitAt(change, float(k));
    result += exp2(float(k)) * (set ? max(b, c) : b * (1.0 - c));
  }
  return result;
}

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  vec4 value = atlasRead(u_source, u_sourceLayout, cell, slot);
  if (!underDisc(cell)) { gl_FragColor = value; return; }
#if TARGET_FIELDS
  if (slot == 0.0 && u_kind < 4.5) value.r = combineBits(value.r, u_value, u_kind < 3.5); // 3 knock out, 4 lift
  if (slot == 0.0 && u_kind == 5.0) value.g = u_value; // force (-1 lifts)
  if (u_kind == 6.0) {
    vec4 hit = vec4(equal(indexed(slot - 1.0), vec4(u_channel)));
    value = slot >= 1.0 ? mix(value, vec4(u_value), hit) : value;
  }
  // 7 mark a clone (living cells), 8 clear labels (every cell)
  bool living = atlasRead(u_cells, u_cellsLayout, cell, 0.0).a > ALIVE_THRESHOLD;
  if (slot == 0.0 && ((u_kind == 7.0 && living) || u_kind == 8.0)) value.b = u_value;
#else
  bool state = slot < float(STATE_SLOTS);
  bool marks = !state && slot < float(STATE_SLOTS + MARK_SLOTS);
  if (u_kind == 0.0) { // erase: dead
    value = marks ? uniformMarks(slot - float(STATE_SLOTS)) : vec4(0.0);
  } else if (u_kind == 1.0) { // seed: alpha and hidden channels 1
    vec4 channel = indexed(slot);
    if (state) value = vec4(greaterThanEqual(channel, vec4(3.0))) * vec4(lessThan(channel, vec4(float(CHANNELS))));
    if (marks) value = uniformMarks(slot - float(STATE_SLOTS));
  } else if (u_kind == 2.0 && marks) { // reprogram: pluripotent
    value = uniformMarks(slot - float(STATE_SLOTS));
  }
#endif
  gl_FragColor = value;
}
