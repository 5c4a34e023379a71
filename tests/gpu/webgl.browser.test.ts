import { expect, it } from 'vitest';

it('the browser gives WebGL with float textures', () => {
  const gl = document.createElement('canvas').getContext('webgl');
  expect(gl).not.toBeNull();
  expect(gl!.getExtension('OES_texture_float')).not.toBeNull();
  expect(gl!.getParameter(gl!.RENDERER)).toBeTruthy();
});
