// One triangle that covers the target: every pass is a fragment shader over the whole atlas.
precision highp float;
attribute vec2 a_position;
void main() {
  gl_Position = vec4(a_position, 0.0, 1.0);
}
