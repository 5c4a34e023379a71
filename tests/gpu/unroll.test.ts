import { describe, expect, it } from 'vitest';
import { unrollLoops } from '../../src/gpu/unroll.ts';

describe('unrollLoops: marked GLSL loops become one block per iteration', () => {
  it('copies the body with the loop variable a constant, bounds from literals or defines', () => {
    const source =
      'void main() {\n  // unroll\n  for (int m = 0; m < SLOTS; m++) {\n    x[m] = y[m];\n  }\n  z = 1;\n}';
    expect(unrollLoops(source, { SLOTS: 2 })).toBe(
      'void main() {\n'
        + '  { const int m = 0;\n    x[m] = y[m];\n  }\n'
        + '  { const int m = 1;\n    x[m] = y[m];\n  }\n'
        + '  z = 1;\n}',
    );
  });

  it('unrolls nested marked loops, <= bounds and negative starts, and leaves unmarked loops alone', () => {
    const source =
      '// unroll\nfor (int dy = -1; dy <= 1; dy++) {\n'
      + '  // unroll\n  for (int dx = 0; dx < 2; dx++) { s += f(dx, dy); }\n'
      + '  for (int i = 0; i < N; i++) { t += i; }\n}';
    const out = unrollLoops(source, { N: 3 });
    expect(out.match(/const int dy = /g)).toHaveLength(3);
    expect(out.match(/const int dx = /g)).toHaveLength(6);
    expect(out).toContain('{ const int dy = -1;');
    expect(out.match(/for \(int i = 0; i < N; i\+\+\)/g)).toHaveLength(3);
    expect(out).not.toContain('// unroll');
  });

  it('refuses loops it cannot unroll, naming them', () => {
    expect(() => unrollLoops('// unroll\nfor (int k = 0; k < K; k++) { if (a) break; }', { K: 4 })).toThrow(
      'unroll: for (int k = 0; k < K; k++) {: the body uses break or continue',
    );
    expect(() => unrollLoops('// unroll\nfor (int k = 0; k < COUNT; k++) { a += 1.0; }', {})).toThrow(
      'unroll: for (int k = 0; k < COUNT; k++) {: bound COUNT is neither an integer nor an integer define',
    );
  });
});

it('lets an inner, unmarked loop break', () => {
  const out = unrollLoops(
    '// unroll\nfor (int k = 0; k < 2; k++) {\n  for (int j = 0; j < 8; j++) { if (j > k) break; s += 1.0; }\n}',
    {},
  );
  expect(out.match(/break/g)).toHaveLength(2);
});

it('refuses a marker that no loop of the expected form follows: it would otherwise do nothing', () => {
  expect(() => unrollLoops('// unroll\nfor (int k=0; k<4; k++) { a += 1.0; }', {})).toThrow(
    'unroll: the // unroll marker before "for (int k=0; k<4; k++) { a += 1.0; }" is not followed by a loop written',
  );
  expect(() => unrollLoops('  // unroll\n  a += 1.0;\n', {})).toThrow(
    'unroll: the // unroll marker before "a += 1.0;"',
  );
});
