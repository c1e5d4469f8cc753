// Small seeded PRNG so a board with a given seed produces the same sensor noise.
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0 || 0x9e3779b9;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Gaussian-ish noise (sum of uniforms), mean 0, standard deviation ≈ sigma. */
export function noise(random: () => number, sigma: number): number {
  return (random() + random() + random() + random() - 2) * sigma * 1.7320508;
}
