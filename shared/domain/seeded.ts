/**
 * mulberry32: a small seeded generator of uniform numbers in [0, 1), for
 * figures that must be the same on every run (a forecast's bootstrap band,
 * test data). The engine's Monte Carlo has its own (shared/engine/random.ts).
 */
export function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
