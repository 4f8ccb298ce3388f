/**
 * A small, fast, seeded pseudo-random generator (mulberry32) for demo data and benchmarks:
 * the same seed always gives the same sequence, and nothing depends on Math.random.
 */

/** A generator of numbers in [0, 1). */
export type Random = () => number;

/** mulberry32 from a 32-bit seed. */
export function mulberry32(seed: number): Random {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
