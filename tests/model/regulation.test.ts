import { describe, expect, it } from 'vitest';
import { expressionFromMarks, potency, softmaxInPlace, type ExpressionRule } from '../../src/model/regulation.ts';

const express = (marks: number[], rule: Partial<ExpressionRule>) => {
  const out = new Float32Array(marks.length);
  expressionFromMarks(
    Float32Array.from(marks),
    { topK: marks.length, threshold: 0, knockoutBits: 0, forced: -1, ...rule },
    out,
  );
  return [...out].map((v) => Math.round(v * 1e6) / 1e6);
};

describe('expression from marks', () => {
  it('keeps the top-k and renormalises', () => {
    expect(express([0.1, 0.4, 0.2, 0.3], { topK: 2 })).toEqual([0, 0.571429, 0, 0.428571]);
    expect(express([0.1, 0.4, 0.2, 0.3], { topK: 1 })).toEqual([0, 1, 0, 0]);
  });

  it('breaks ties toward the lower index', () => {
    expect(express([0.25, 0.25, 0.25, 0.25], { topK: 1 })).toEqual([1, 0, 0, 0]);
    expect(express([0.2, 0.3, 0.3, 0.2], { topK: 1 })).toEqual([0, 1, 0, 0]);
    expect(express([0.2, 0.3, 0.3, 0.2], { topK: 3 })).toEqual([0.25, 0.375, 0.375, 0]);
  });

  it('zeroes knocked-out experts before choosing the top-k', () => {
    expect(express([0.1, 0.4, 0.2, 0.3], { topK: 1, knockoutBits: 0b0010 })).toEqual([0, 0, 0, 1]);
  });

  it('silences experts under the threshold; all zero stays all zero', () => {
    expect(express([0.1, 0.4, 0.2, 0.3], { threshold: 0.25 })).toEqual([0, 0.571429, 0, 0.428571]);
    expect(express([0.1, 0.4, 0.2, 0.3], { threshold: 0.5 })).toEqual([0, 0, 0, 0]);
    expect(express([0.5, 0.5], { knockoutBits: 0b11 })).toEqual([0, 0]);
  });

  it('a forced expert gives one-hot, even when knocked out', () => {
    expect(express([0.7, 0.1, 0.2], { forced: 2, knockoutBits: 0b100 })).toEqual([0, 0, 1]);
  });
});

describe('softmax and potency', () => {
  it('softmax with temperature: low tau sharpens, high tau flattens', () => {
    const sharp = Float32Array.from([1, 2, 3]);
    softmaxInPlace(sharp, 0.1);
    const flat = Float32Array.from([1, 2, 3]);
    softmaxInPlace(flat, 10);
    expect(sharp[2]).toBeGreaterThan(0.99);
    expect(Math.max(...flat) - Math.min(...flat)).toBeLessThan(0.1);
    expect(flat.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 6);
  });

  it('softmax stays finite for huge logits', () => {
    const z = Float32Array.from([1e4, 0, -1e4]);
    softmaxInPlace(z, 0.05);
    expect([...z]).toEqual([1, 0, 0]);
  });

  it('potency is 1 for uniform marks, 0 for committed ones, 0 with a single expert', () => {
    expect(potency([0.25, 0.25, 0.25, 0.25], 0, 4)).toBeCloseTo(1, 6);
    expect(potency([0, 1, 0, 0], 0, 4)).toBe(0);
    expect(potency([0.5, 0.5, 0, 0], 0, 4)).toBeCloseTo(0.5, 6);
    expect(potency([1], 0, 1)).toBe(0);
  });
});
