// Readback of half-float buffers (regl.read refuses them): texel (2x + i, y) of an RGBA8 target holds the
// 16-bit patterns of components 2i and 2i + 1 of source texel (x, y), high byte first. Every stored value
// is exactly a half, so the pattern is computed exactly.
precision highp float;
uniform sampler2D u_source;
uniform vec2 u_sourceSize;

float halfBits(float v) {
  if (v != v) return 32256.0; // NaN: 0x7E00
  float sign = v < 0.0 ? 32768.0 : 0.0;
  float a = abs(v);
  if (a > 65504.0) return sign + 31744.0; // Infinity: 0x7C00
  if (a < 6.103515625e-05) return sign + floor(a / 5.960464477539063e-08 + 0.5); // subnormal: a / 2^-24
  float e = floor(log2(a));
  if (exp2(e) > a) e -= 1.0;
  if (exp2(e + 1.0) <= a) e += 1.0;
  return sign + (e + 15.0) * 1024.0 + floor((a / exp2(e) - 1.0) * 1024.0 + 0.5);
}

vec2 bytes(float bits) {
  float high = floor(bits / 256.0);
  return vec2(high, bits - 256.0 * high) / 255.0;
}

void main() {
  vec2 pixel = floor(gl_FragCoord.xy);
  float source = floor(pixel.x / 2.0);
  bool second = pixel.x - 2.0 * source > 0.5;
  vec4 value = texture2D(u_source, (vec2(source, pixel.y) + 0.5) / u_sourceSize);
  vec2 pair = second ? value.zw : value.xy;
  gl_FragColor = vec4(bytes(halfBits(pair.x)), bytes(halfBits(pair.y)));
}
