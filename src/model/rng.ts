/**
 * The one seeded PRNG of the project (mulberry32), whose whole state is one uint32: weight initialisation
 * draws from it, and the trainer's checkpoint stores its state so that a resumed run draws the same numbers.
 * Not the step's randomness: that is the counter-based hash (hash.ts), a pure function of cell and step.
 */
export class Rng {
  constructor(public state: number) {
    this.state = state >>> 0;
  }

  /** Uniform in [0, 1). */
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }

  /** Integer in [min, max]. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** k distinct indices of [0, n), in draw order. */
  sample(n: number, k: number): number[] {
    const items = Array.from({ length: n }, (_, i) => i);
    for (let i = 0; i < k; i++) {
      const j = i + Math.floor(this.next() * (n - i));
      [items[i], items[j]] = [items[j], items[i]];
    }
    return items.slice(0, k);
  }
}
