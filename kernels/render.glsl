// Draws the cells atlas into the visible canvas: one fragment per screen pixel, mapped to a cell by the
// camera, coloured by the render mode. The prelude and defines (STATE_SLOTS, MARK_SLOTS, EXPERTS,
// MORPHOGENS; the MODE_* numbers of src/view/render-modes.ts; the colours of src/model/palette.ts) go
// above this file. Reads the engine's textures only: nothing goes back to the CPU.
uniform sampler2D u_cells;
uniform vec4 u_cellsLayout;
uniform sampler2D u_fields;
uniform vec4 u_fieldsLayout;
uniform mat3 u_screenToCell;  // device pixel (y down from the top) -> cell coordinates
uniform float u_canvasHeight;
uniform float u_mode;         // one of the MODE_* defines
uniform float u_index;        // expert / channel / morphogen the mode shows
uniform vec3 u_palette[16];   // expert colours (src/model/palette.ts), 0..1
uniform vec3 u_clonePalette[15]; // clone colours of labels 1..15 (palette.ts CLONE_COLOURS)
uniform vec3 u_background;
uniform vec3 u_silent;
uniform vec3 u_outside;

float pick(vec4 v, float i) {
  if (i < 0.5) return v.x;
  if (i < 1.5) return v.y;
  if (i < 2.5) return v.z;
  return v.w;
}

// Component i of a value stored from slot `first` on (4 per slot).
float slotValue(sampler2D atlas, vec4 layout, vec2 cell, float first, float i) {
  float slot = floor(i / 4.0);
  return pick(atlasRead(atlas, layout, cell, first + slot), i - 4.0 * slot);
}

// GLSL ES 1.0 has no tanh.
float tanh_(float v) {
  float e = exp(-2.0 * abs(v));
  return sign(v) * (1.0 - e) / (1.0 + e);
}

vec3 paletteAt(float k) {
  vec3 colour = u_palette[0];
  for (int i = 1; i < 16; i++) if (float(i) == k) colour = u_palette[i];
  return colour;
}

vec3 cloneColourOf(float label) {
  vec3 colour = u_clonePalette[0];
  for (int i = 1; i < 15; i++) if (float(i + 1) == label) colour = u_clonePalette[i];
  return colour;
}

bool isMode(float mode) { return abs(u_mode - mode) < 0.5; }

// A perceptual-ish ramp (dark blue -> teal -> yellow) for heatmaps of values in [0, 1].
vec3 heat(float v) {
  v = clamp(v, 0.0, 1.0);
  return v < 0.5 ? mix(HEAT_LOW, HEAT_MIDDLE, v * 2.0) : mix(HEAT_MIDDLE, HEAT_HIGH, v * 2.0 - 1.0);
}

void main() {
  vec2 screen = vec2(gl_FragCoord.x, u_canvasHeight - gl_FragCoord.y);
  vec2 at = (u_screenToCell * vec3(screen, 1.0)).xy;
  if (at.x < 0.0 || at.y < 0.0 || at.x >= u_grid.x || at.y >= u_grid.y) {
    gl_FragColor = vec4(u_outside, 1.0);
    return;
  }
  vec2 cell = floor(at);
  vec4 rgba = atlasRead(u_cells, u_cellsLayout, cell, 0.0);
  bool alive = rgba.a > ALIVE_THRESHOLD;
  vec3 colour = u_background;
  if (isMode(MODE_PHENOTYPE)) {            // phenotype: premultiplied colour over the background
    vec4 c = clamp(rgba, 0.0, 1.0);
    colour = c.rgb + (1.0 - c.a) * u_background;
  } else if (isMode(MODE_TYPE)) {     // cell type: the dominant expressed expert
    if (alive) {
      float best = 0.0, type = -1.0;
      for (int k = 0; k < EXPERTS; k++) {
        float e = slotValue(u_cells, u_cellsLayout, cell, float(STATE_SLOTS + MARK_SLOTS), float(k));
        if (e > best) { best = e; type = float(k); }
      }
      colour = type < 0.0 ? u_silent : paletteAt(type);
    }
  } else if (isMode(MODE_EXPRESSION)) {     // expression of one expert
    if (alive) colour = heat(slotValue(u_cells, u_cellsLayout, cell, float(STATE_SLOTS + MARK_SLOTS), u_index));
  } else if (isMode(MODE_MARKS)) {     // marks of one expert
    if (alive) colour = heat(slotValue(u_cells, u_cellsLayout, cell, float(STATE_SLOTS), u_index));
  } else if (isMode(MODE_POTENCY)) {     // potency: normalised entropy of the marks, dark = pluripotent
    if (alive) {
      float entropy = 0.0;
      for (int k = 0; k < EXPERTS; k++) {
        float q = slotValue(u_cells, u_cellsLayout, cell, float(STATE_SLOTS), float(k));
        if (q > 0.0) entropy -= q * log(q);
      }
      float p = EXPERTS > 1 ? entropy / log(float(EXPERTS)) : 0.0;
      colour = vec3(mix(POTENCY_COMMITTED, POTENCY_PLURIPOTENT, clamp(p, 0.0, 1.0)));
    }
  } else if (isMode(MODE_ALIVE)) {     // alive mask
    colour = alive ? ALIVE_COLOUR : u_background;
  } else if (isMode(MODE_CHANNEL)) {     // one state channel, hidden ones included: signed, tanh-squashed
    float v = slotValue(u_cells, u_cellsLayout, cell, 0.0, u_index);
    float s = tanh_(v);
    colour = s >= 0.0 ? mix(u_background, SIGNED_POSITIVE, s) : mix(u_background, SIGNED_NEGATIVE, -s);
  } else if (isMode(MODE_MORPHOGEN)) {     // one morphogen field, with the cells faintly underneath
    float m = MORPHOGENS > 0 ? slotValue(u_fields, u_fieldsLayout, cell, 1.0, u_index) : 0.0;
    vec4 c = clamp(rgba, 0.0, 1.0);
    vec3 under = c.rgb + (1.0 - c.a) * u_background;
    colour = mix(under, heat(abs(m)), clamp(abs(m), 0.0, 1.0) * 0.8);
  } else if (isMode(MODE_CLONE)) {     // clone: the label of each living cell (fields slot 0 .b)
    float label = atlasRead(u_fields, u_fieldsLayout, cell, 0.0).z;
    if (alive) colour = label > 0.5 ? cloneColourOf(floor(label + 0.5)) : CLONELESS_COLOUR;
  } else {                       // MODE_FIELDS: painted knockouts (dark stripes), forced experts (their colour)
    vec4 f = atlasRead(u_fields, u_fieldsLayout, cell, 0.0);
    vec4 c = clamp(rgba, 0.0, 1.0);
    colour = c.rgb + (1.0 - c.a) * u_background;
    if (f.y > -0.5) colour = mix(colour, paletteAt(f.y), 0.7);
    bool stripe = mod(floor((screen.x + screen.y) / KNOCKOUT_STRIPE_PIXELS), 2.0) < 1.0;
    if (f.x > 0.5 && stripe) colour = KNOCKOUT_COLOUR;
  }
  gl_FragColor = vec4(colour, 1.0);
}
