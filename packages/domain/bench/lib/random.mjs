// Seeded pseudo-random numbers and the few distributions the simulated populations need.
// Everything derives from one 32-bit seed, so a run is reproducible bit for bit.

/** sfc32 (Chris Doty-Humphrey's small fast counter): good statistical quality, tiny state. */
export function createRandom(seed) {
  let a = 0x9e3779b9;
  let b = 0x243f6a88;
  let c = 0xb7e15162;
  let d = seed >>> 0;
  const next = () => {
    a >>>= 0;
    b >>>= 0;
    c >>>= 0;
    d >>>= 0;
    let t = (a + b) | 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) | 0;
    c = (c << 21) | (c >>> 11);
    d = (d + 1) | 0;
    t = (t + d) | 0;
    c = (c + t) | 0;
    return (t >>> 0) / 4294967296;
  };
  for (let i = 0; i < 16; i++) next(); // mix the seed in
  let spareNormal = null;

  const random = {
    /** Uniform on [0, 1). */
    uniform: next,
    between: (low, high) => low + (high - low) * next(),
    integer: (low, high) => low + Math.floor(next() * (high - low + 1)),
    chance: (p) => next() < p,
    exponential: (rate) => -Math.log(1 - next()) / rate,
    normal() {
      if (spareNormal !== null) {
        const value = spareNormal;
        spareNormal = null;
        return value;
      }
      let u;
      let v;
      let s;
      do {
        u = 2 * next() - 1;
        v = 2 * next() - 1;
        s = u * u + v * v;
      } while (s >= 1 || s === 0);
      const m = Math.sqrt((-2 * Math.log(s)) / s);
      spareNormal = v * m;
      return u * m;
    },
    /** Log-normal whose median is `median`. */
    logNormal: (median, sigma) => median * Math.exp(sigma * random.normal()),
    /** Gamma with shape `shape` and rate `rate` (mean shape / rate); Marsaglia & Tsang (2000). */
    gamma(shape, rate) {
      if (shape < 1) return random.gamma(shape + 1, rate) * Math.pow(next(), 1 / shape);
      const d3 = shape - 1 / 3;
      const c3 = 1 / Math.sqrt(9 * d3);
      for (;;) {
        let x;
        let v;
        do {
          x = random.normal();
          v = 1 + c3 * x;
        } while (v <= 0);
        v = v * v * v;
        const u = next();
        if (u < 1 - 0.0331 * x * x * x * x) return (d3 * v) / rate;
        if (Math.log(u) < 0.5 * x * x + d3 * (1 - v + Math.log(v))) return (d3 * v) / rate;
      }
    },
    beta(a, b) {
      const x = random.gamma(a, 1);
      return x / (x + random.gamma(b, 1));
    },
    poisson(mean) {
      if (mean > 30) return Math.max(0, Math.round(mean + Math.sqrt(mean) * random.normal()));
      const limit = Math.exp(-mean);
      let k = 0;
      let p = next();
      while (p > limit) {
        k++;
        p *= next();
      }
      return k;
    },
    pick: (items) => items[Math.floor(next() * items.length)],
    /** Index drawn with probability proportional to `weights`. */
    weighted(weights) {
      let total = 0;
      for (const w of weights) total += w;
      let r = next() * total;
      for (let i = 0; i < weights.length; i++) {
        r -= weights[i];
        if (r < 0) return i;
      }
      return weights.length - 1;
    },
  };
  return random;
}

/** A well-spread 32-bit seed for a named sub-stream (so adding a population leaves the others unchanged). */
export function deriveSeed(seed, name) {
  let h = (seed ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < name.length; i++) {
    h ^= name.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h;
}
