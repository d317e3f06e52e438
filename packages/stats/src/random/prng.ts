// A small seeded PRNG so bootstrap intervals are reproducible across runs and machines:
// xoshiro128** (Blackman & Vigna 2018, "Scrambled linear pseudorandom number generators"),
// its state filled by a splitmix-style seeder (Steele, Lea & Flood 2014): a Weyl sequence step
// of 0x9e3779b9 passed through MurmurHash3's 32-bit finaliser.
// Not for cryptography.

export interface Random {
  /** Next 32-bit unsigned integer. */
  nextUint32(): number;
  /** Uniform in [0, 1), 32 bits of resolution. */
  next(): number;
  /** Uniform integer in [0, n), unbiased; 1 <= n <= 2^32. */
  int(n: number): number;
  /**
   * Fills `out` with uniform integers in [0, n), 1 <= n <= 2^31: the same values as out.length
   * calls of int(n), without a call per value (the bootstrap draws 10^8 of them).
   */
  fillInts(out: Int32Array, n: number): void;
}

function splitmix32(seed: number): () => number {
  let state = seed | 0;
  return () => {
    state = (state + 0x9e3779b9) | 0;
    let z = state;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const TWO32 = 2 ** 32;

function checkBound(n: number, max: number): void {
  if (!Number.isInteger(n) || n < 1 || n > max) throw new RangeError(`n must be an integer from 1 to ${max}, got ${n}`);
}

/** Maps a uniform 32-bit u to [0, n), or -1 to reject and draw again. Exact (see createRandom). */
function bounded(u: number, n: number, threshold: number): number {
  if (n <= 2 ** 21) {
    const m = u * n;
    const hi = Math.floor(m / TWO32);
    return m - hi * TWO32 >= threshold ? hi : -1;
  }
  return u < TWO32 - threshold ? u % n : -1;
}

/**
 * A generator for a seed: any safe integer (negative ones too); equal seeds give equal streams.
 * Integers in [0, n) use Lemire's multiply-and-reject method (Lemire 2019, "Fast random integer
 * generation in an interval") while u * n stays exact (n <= 2^21), else rejection + modulo;
 * both are exactly uniform.
 */
export function createRandom(seed: number): Random {
  if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
  const high = Math.floor(seed / TWO32);
  const mix = splitmix32((seed >>> 0) ^ Math.imul(high | 0, 0x27d4eb2d));
  let s0 = mix(),
    s1 = mix(),
    s2 = mix(),
    s3 = mix();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1; // the all-zero state is the one fixed point

  // The generator step is written out in fillInts too (hot loop: locals, no calls).
  const nextUint32 = () => {
    const x = Math.imul(s1, 5);
    const result = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = (s3 << 11) | (s3 >>> 21);
    return result;
  };

  const fillInts = (out: Int32Array, n: number) => {
    checkBound(n, 2 ** 31);
    const threshold = TWO32 % n;
    const limit = TWO32 - threshold;
    const lemire = n <= 2 ** 21;
    let a = s0,
      b = s1,
      c = s2,
      d = s3;
    for (let i = 0; i < out.length; ) {
      const x = Math.imul(b, 5);
      const u = Math.imul((x << 7) | (x >>> 25), 9) >>> 0;
      const t = b << 9;
      c ^= a;
      d ^= b;
      b ^= c;
      a ^= d;
      c ^= t;
      d = (d << 11) | (d >>> 21);
      if (lemire) {
        const m = u * n;
        const hi = Math.floor(m * 2.3283064365386963e-10); // m / 2^32, exact
        if (m - hi * 4294967296 >= threshold) out[i++] = hi;
      } else if (u < limit) out[i++] = u % n;
    }
    s0 = a;
    s1 = b;
    s2 = c;
    s3 = d;
  };

  return {
    nextUint32,
    next: () => nextUint32() / TWO32,
    int(n) {
      checkBound(n, TWO32);
      const threshold = TWO32 % n;
      for (;;) {
        const v = bounded(nextUint32(), n, threshold);
        if (v >= 0) return v;
      }
    },
    fillInts,
  };
}
