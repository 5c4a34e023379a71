/**
 * An atlas stores n "slots" (4 floats each) for every cell of a W x H grid in one RGBA texture: slot s is a
 * W x H tile at tile column s % tilesX, tile row floor(s / tilesX). One texture per buffer keeps every pass
 * a single draw with one sampler per input, whatever the channel count (WebGL1 has no multiple render
 * targets and as few as 8 texture units).
 */

export interface AtlasLayout {
  /** Grid size in cells. */
  width: number;
  height: number;
  /** Slots (RGBA texels) per cell. */
  slots: number;
  tilesX: number;
  tilesY: number;
  /** Texture size in texels. */
  textureWidth: number;
  textureHeight: number;
}

export function slotsFor(values: number): number {
  return Math.ceil(values / 4);
}

export function atlasLayout(
  width: number,
  height: number,
  slots: number,
  maxTextureSize: number,
  name: string,
): AtlasLayout {
  const count = Math.max(1, slots);
  const tilesX = Math.max(1, Math.min(count, Math.floor(maxTextureSize / width)));
  const tilesY = Math.ceil(count / tilesX);
  const layout = {
    width,
    height,
    slots: count,
    tilesX,
    tilesY,
    textureWidth: tilesX * width,
    textureHeight: tilesY * height,
  };
  if (width > maxTextureSize || layout.textureHeight > maxTextureSize) {
    throw new Error(
      `${name} buffer: a ${width}x${height} grid with ${count} slots per cell needs a `
        + `${layout.textureWidth}x${layout.textureHeight} texture; `
        + `this GPU's largest is ${maxTextureSize}x${maxTextureSize}. Use a smaller grid.`,
    );
  }
  return layout;
}

/** The texel (column, row) that holds slot `slot` of cell (x, y): the one place TypeScript addresses an atlas. */
export function atlasTexel(layout: AtlasLayout, x: number, y: number, slot: number): [number, number] {
  return [(slot % layout.tilesX) * layout.width + x, Math.floor(slot / layout.tilesX) * layout.height + y];
}

/** Index into the RGBA texel data (4 floats per texel) of component `component` of slot `slot` of a cell. */
export function atlasIndex(layout: AtlasLayout, x: number, y: number, slot: number, component: number): number {
  const [px, py] = atlasTexel(layout, x, y, slot);
  return (py * layout.textureWidth + px) * 4 + component;
}

/** Uniform values the GLSL atlas helpers take: (tilesX, tilesY, textureWidth, textureHeight). */
export function atlasUniform(layout: AtlasLayout): [number, number, number, number] {
  return [layout.tilesX, layout.tilesY, layout.textureWidth, layout.textureHeight];
}
