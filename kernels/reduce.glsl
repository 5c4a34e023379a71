// Sums 2x2 blocks of cells in every slot: a grid of ceil(w / 2) x ceil(h / 2) from one of w x h. Cells
// past the source's edge count as zero. Defines: SLOTS.
uniform sampler2D u_source;
uniform vec4 u_sourceLayout;
uniform vec2 u_sourceGrid;
uniform vec4 u_targetLayout;

vec4 sourceCell(vec2 cell, float slot) {
  if (cell.x >= u_sourceGrid.x || cell.y >= u_sourceGrid.y) return vec4(0.0);
  vec2 pixel = atlasOriginOf(u_sourceLayout, slot, u_sourceGrid) + cell;
  return texture2D(u_source, (pixel + 0.5) / u_sourceLayout.zw);
}

void main() {
  vec2 cell; float slot;
  atlasTarget(u_targetLayout, cell, slot);
  if (slot >= float(SLOTS)) { gl_FragColor = vec4(0.0); return; }
  vec2 base = 2.0 * cell;
  gl_FragColor = sourceCell(base, slot) + sourceCell(base + vec2(1.0, 0.0), slot)
    + sourceCell(base + vec2(0.0, 1.0), slot) + sourceCell(base + vec2(1.0, 1.0), slot);
}
