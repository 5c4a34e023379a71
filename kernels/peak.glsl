// Peak arithmetic of this GPU stack: pure multiply-adds (mat4 x vec4) on registers, four independent
// chains so the compiler can overlap them. Defines: ITERATIONS.
precision highp float;
uniform mat4 u_matrix;
uniform vec4 u_offset;

void main() {
  vec4 a = gl_FragCoord.xyxy * 1e-4, b = a + 0.1, c = a + 0.2, d = a + 0.3;
  for (int i = 0; i < ITERATIONS; i++) {
    a = u_matrix * a + u_offset;
    b = u_matrix * b + u_offset;
    c = u_matrix * c + u_offset;
    d = u_matrix * d + u_offset;
  }
  gl_FragColor = a + b + c + d;
}
