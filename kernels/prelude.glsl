// Shared by every pass. The pass factory puts `#define` lines for the genome's sizes above this file.
precision highp float;

uniform vec2 u_grid; // grid width, height in cells

// ---- Atlases: n slots of 4 floats per cell, slot s in tile (s % tilesX, floor(s / tilesX)). ----
// layout = (tilesX, tilesY, textureWidth, textureHeight)

// The cell and slot this fragment writes, from its pixel in the target atlas.
void atlasTarget(vec4 layout, out vec2 cell, out float slot) {
  vec2 pixel = floor(gl_FragCoord.xy);
  vec2 tile = floor(pixel / u_grid);
  cell = pixel - tile * u_grid;
  slot = tile.y * layout.x + tile.x;
}

// The texel of cell (0, 0) in a slot's tile, in an atlas of a `grid`-sized grid (src/gpu/atlas.ts atlasTexel
// is the TypeScript twin).
vec2 atlasOriginOf(vec4 layout, float slot, vec2 grid) {
  float tileY = floor(slot / layout.x);
  return vec2(slot - tileY * layout.x, tileY) * grid;
}

// The same for an atlas of this pass's grid: hoist it out of loops that read many cells of one slot.
vec2 atlasOrigin(vec4 layout, float slot) {
  return atlasOriginOf(layout, slot, u_grid);
}

vec4 atlasReadAt(sampler2D atlas, vec4 layout, vec2 origin, vec2 cell) {
  return texture2D(atlas, (origin + cell + 0.5) / layout.zw);
}

vec4 atlasRead(sampler2D atlas, vec4 layout, vec2 cell, float slot) {
  return atlasReadAt(atlas, layout, atlasOrigin(layout, slot), cell);
}

// The neighbour (dx, dy) of a cell on the wrapped grid, for offsets of at most one grid size.
vec2 wrapCell(vec2 cell, vec2 offset) {
  vec2 c = cell + offset;
  c += u_grid * vec2(lessThan(c, vec2(0.0)));
  c -= u_grid * vec2(greaterThanEqual(c, u_grid));
  return c;
}

// The largest alpha (slot 0, channel 3) in the 3x3 neighbourhood of a cell on the wrapped grid: the cell is
// alive where it exceeds ALIVE_THRESHOLD.
float neighbourhoodAlpha(sampler2D atlas, vec4 layout, vec2 cell) {
  float alpha = 0.0;
  // unroll
  for (int dy = -1; dy <= 1; dy++) {
    // unroll
    for (int dx = -1; dx <= 1; dx++) {
      alpha = max(alpha, atlasRead(atlas, layout, wrapCell(cell, vec2(dx, dy)), 0.0).a);
    }
  }
  return alpha;
}

// Expert k's value in an atlas range of per-expert values (4 experts a slot, from slot `firstSlot`): marks,
// expression. Loops over k are unrolled (src/gpu/unroll.ts), so k is a constant; a slot read again for the
// next three experts comes from the texture cache.
float expertValue(sampler2D atlas, vec4 layout, vec2 cell, float firstSlot, int k) {
  vec4 v = atlasRead(atlas, layout, cell, firstSlot + float(k / 4));
  int c = k - 4 * (k / 4);
  return c == 0 ? v.x : c == 1 ? v.y : c == 2 ? v.z : v.w;
}

// ---- Dense weights: a texture whose row o holds output slot o; texels 4i..4i+3 are the columns of the
// 4x4 block from input slot i, and texel 4 * inputSlots is the bias. ----
vec4 weightTexel(sampler2D weights, vec2 size, float column, float row) {
  return texture2D(weights, (vec2(column, row) + 0.5) / size);
}

mat4 weightBlock(sampler2D weights, vec2 size, float inputSlot, float row) {
  float c = inputSlot * 4.0;
  return mat4(
    weightTexel(weights, size, c, row), weightTexel(weights, size, c + 1.0, row),
    weightTexel(weights, size, c + 2.0, row), weightTexel(weights, size, c + 3.0, row));
}

// ---- Bit sets in a float (WebGL1 has no integer bit operations): bit k of an integer below 2^16. ----
float bitAt(float bits, float k) {
  float shifted = floor(bits / exp2(k));
  return shifted - 2.0 * floor(shifted / 2.0);
}

// ---- The counter-based hash of src/model/hash.ts, step for step. Every value is an integer below 2^24
// and every operation is exact in float32: products split into 12-bit limbs, divisions by powers of two. ----
// HASH_MOD (2^24), HASH_LIMB (2^12), HASH_MUL_A, HASH_MUL_B and HASH_OFFSET are #defines from
// src/gpu/shared-defines.ts, written from src/model/hash.ts.

float hashModLimb(float v) { return v - HASH_LIMB * floor(v / HASH_LIMB); }

// (a + b) mod 2^24 for a, b in [0, 2^24): a - 2^24 is exact, so is the sum with b.
float hashAdd(float a, float b) {
  float t = (a - HASH_MOD) + b;
  return t < 0.0 ? t + HASH_MOD : t;
}

// (a * b) mod 2^24: a b = a0 b0 + 2^12 (a1 b0 + a0 b1) + 2^24 a1 b1, the last term vanishing.
float hashMultiply(float a, float b) {
  float a1 = floor(a / HASH_LIMB), a0 = a - a1 * HASH_LIMB;
  float b1 = floor(b / HASH_LIMB), b0 = b - b1 * HASH_LIMB;
  float low = a0 * b0;
  float lowHigh = floor(low / HASH_LIMB);
  float middle = hashModLimb(hashModLimb(a1 * b0) + hashModLimb(a0 * b1) + lowHigh);
  return middle * HASH_LIMB + (low - lowHigh * HASH_LIMB);
}

float hashFold(float h) { return hashAdd(h, floor(h / HASH_LIMB)); }

// h (2h + 1) mod 2^24, with 2h + 1 reduced before it can pass 2^24.
float hashSquare(float h) {
  float halfMod = 0.5 * HASH_MOD;
  float odd = h < halfMod ? 2.0 * h + 1.0 : 2.0 * (h - halfMod) + 1.0;
  return hashMultiply(h, odd);
}

float hashMix(float h) {
  return hashFold(hashMultiply(hashFold(hashSquare(hashFold(hashMultiply(h, HASH_MUL_A)))), HASH_MUL_B));
}

// The part of the hash shared by every stream of one cell and step.
float hashPrefix(vec2 cell, float step, float seed) {
  float h = hashMix(hashAdd(seed, HASH_OFFSET));
  h = hashMix(hashAdd(h, cell.x));
  h = hashMix(hashAdd(h, cell.y));
  return hashMix(hashAdd(h, step));
}

float hashUniform(float prefix, float stream) {
  return hashMix(hashMix(hashAdd(prefix, stream))) / HASH_MOD;
}
