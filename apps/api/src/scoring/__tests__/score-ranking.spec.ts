import { averageRanks, Float64List, spearmanCorrelation, TopScores } from '../score-ranking';

/** A small deterministic generator (LCG): reproducible samples without a dependency. */
function generator(seed: number) {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/** Spearman by its definition: Pearson's r of average ranks, ranks counted naively. */
function naiveSpearman(x: number[], y: number[]): number | null {
  const ranks = (v: number[]) =>
    v.map((a) => v.filter((b) => b < a).length + (v.filter((b) => b === a).length + 1) / 2);
  const rx = ranks(x);
  const ry = ranks(y);
  const mean = (v: number[]) => v.reduce((s, a) => s + a, 0) / v.length;
  const mx = mean(rx);
  const my = mean(ry);
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  rx.forEach((_, i) => {
    sxy += (rx[i] - mx) * (ry[i] - my);
    sxx += (rx[i] - mx) ** 2;
    syy += (ry[i] - my) ** 2;
  });
  return x.length < 2 || sxx === 0 || syy === 0 ? null : sxy / Math.sqrt(sxx * syy);
}

describe('score rankings', () => {
  it('averages the ranks of ties', () => {
    expect([...averageRanks(Float64Array.from([5, 0, 5, 1, 0]))]).toEqual([4.5, 1.5, 4.5, 3, 1.5]);
  });

  it('gives 1 for the same order, -1 for the reverse, and null when undefined', () => {
    const x = Float64Array.from([1, 2, 3, 4]);
    expect(spearmanCorrelation(x, Float64Array.from([10, 20, 30, 40]))).toBeCloseTo(1, 12);
    expect(spearmanCorrelation(x, Float64Array.from([4, 3, 2, 1]))).toBeCloseTo(-1, 12);
    expect(spearmanCorrelation(Float64Array.from([1]), Float64Array.from([2]))).toBeNull();
    expect(spearmanCorrelation(x, Float64Array.from([7, 7, 7, 7]))).toBeNull();
    expect(() => spearmanCorrelation(x, Float64Array.from([1]))).toThrow();
  });

  it('equals the textbook definition on 300 random samples with many ties', () => {
    const random = generator(42);
    for (let run = 0; run < 300; run += 1) {
      const n = 2 + Math.floor(random() * 40);
      // Few distinct values, so ties are common (as zero scores are).
      const x = Array.from({ length: n }, () => Math.floor(random() * 6));
      const y = Array.from({ length: n }, () => Math.floor(random() * 6));
      const expected = naiveSpearman(x, y);
      const actual = spearmanCorrelation(Float64Array.from(x), Float64Array.from(y));
      if (expected === null) expect(actual).toBeNull();
      else expect(actual).toBeCloseTo(expected, 10);
    }
  });

  it('keeps the best scores, ties by customer id, as a full sort would', () => {
    const random = generator(7);
    for (let run = 0; run < 200; run += 1) {
      const size = 1 + Math.floor(random() * 25);
      const entries = Array.from({ length: Math.floor(random() * 80) }, (_, i) => ({
        customerId: `c${String(Math.floor(random() * 1000)).padStart(4, '0')}-${i}`,
        externalRef: `r${i}`,
        score: Math.floor(random() * 10),
      }));
      const top = new TopScores(size);
      entries.forEach((entry) => top.offer(entry));
      const expected = [...entries]
        .sort((a, b) => b.score - a.score || (a.customerId < b.customerId ? -1 : 1))
        .slice(0, size)
        .map((entry, index) => ({ ...entry, rank: index + 1 }));
      expect(top.ranked()).toEqual(expected);
    }
  });

  it('grows a list of doubles past its first block', () => {
    const list = new Float64List();
    for (let i = 0; i < 5000; i += 1) list.push(i / 2);
    expect(list.length).toBe(5000);
    expect(list.view()[4999]).toBe(2499.5);
    expect(list.view()).toHaveLength(5000);
  });
});
