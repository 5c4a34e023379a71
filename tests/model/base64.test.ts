import { describe, expect, it } from 'vitest';
import { base64ToBytes, bytesOf, bytesToBase64 } from '../../src/model/base64.ts';

describe('base64', () => {
  it('round-trips bytes of every length, across the chunking of long inputs', () => {
    for (const length of [0, 1, 2, 3, 4, 0x8000 - 1, 0x8000, 70_001]) {
      const bytes = Uint8Array.from({ length }, (_, i) => (i * 7919 + 13) % 256);
      const text = bytesToBase64(bytes);
      expect(text.length).toBe(Math.ceil(length / 3) * 4);
      expect([...base64ToBytes(text)!]).toEqual([...bytes]);
    }
    expect(bytesToBase64(Uint8Array.from([0xfb, 0xff]))).toBe('+/8=');
  });

  it('says null to text that is not base64', () => {
    expect(base64ToBytes('no spaces allowed!')).toBeNull();
  });

  it("takes a typed array's own bytes, not the rest of its buffer", () => {
    const buffer = new Float32Array([1, 2, 3, 4]);
    const view = buffer.subarray(1, 3);
    expect(new Float32Array(base64ToBytes(bytesToBase64(bytesOf(view)))!.buffer)).toEqual(Float32Array.from([2, 3]));
  });
});
