/**
 * The one seeded PRNG of the core (mulberry32, Tommy Ettinger 2017): 32-bit state, uniform in [0, 1). The
 * core never uses Math.random, so the same seed gives the same network or estimate on every run.
 */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0
  return () => {
    state = (state + 0x6d2b79f5) >>> 0
    let t = state
    t = Math.imul(t ^ (t >>> 15), t | 1)
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61)
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296
  }
}
