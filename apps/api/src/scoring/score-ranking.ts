/** A customer's score in a ranking; ties go to the smaller customer id, so rankings are stable. */
export interface RankedScore {
  customerId: string;
  externalRef: string;
  score: number;
}

function isBetter(a: RankedScore, b: RankedScore): boolean {
  return a.score > b.score || (a.score === b.score && a.customerId < b.customerId);
}

/**
 * The best `size` scores seen so far, best first, in O(size) memory. A sorted array beats a
 * heap at this size (20): most offers are rejected by one comparison with the last entry.
 */
export class TopScores {
  private readonly entries: RankedScore[] = [];

  constructor(private readonly size: number) {}

  offer(entry: RankedScore): void {
    const entries = this.entries;
    if (entries.length === this.size && !isBetter(entry, entries[entries.length - 1])) return;
    let at = entries.length;
    while (at > 0 && isBetter(entry, entries[at - 1])) at -= 1;
    entries.splice(at, 0, entry);
    if (entries.length > this.size) entries.pop();
  }

  ranked(): (RankedScore & { rank: number })[] {
    return this.entries.map((entry, index) => ({ ...entry, rank: index + 1 }));
  }
}

/** A growing list of doubles in one typed array (8 bytes a value, however many customers). */
export class Float64List {
  private values = new Float64Array(1024);
  length = 0;

  push(value: number): void {
    if (this.length === this.values.length) {
      const grown = new Float64Array(this.values.length * 2);
      grown.set(this.values);
      this.values = grown;
    }
    this.values[this.length++] = value;
  }

  view(): Float64Array {
    return this.values.subarray(0, this.length);
  }
}

/** Ranks 1…n, ties sharing their average rank (as Spearman's coefficient wants). */
export function averageRanks(values: Float64Array): Float64Array {
  const n = values.length;
  const order = new Uint32Array(n);
  for (let i = 0; i < n; i += 1) order[i] = i;
  order.sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  for (let start = 0; start < n;) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end += 1;
    const rank = (start + 1 + end) / 2;
    for (let i = start; i < end; i += 1) ranks[order[i]] = rank;
    start = end;
  }
  return ranks;
}

/**
 * Spearman's rank correlation of two paired samples: the Pearson correlation of their average
 * ranks, exact with ties. Null when it is undefined (fewer than two pairs, or a constant sample).
 */
export function spearmanCorrelation(x: Float64Array, y: Float64Array): number | null {
  if (x.length !== y.length) throw new Error('spearmanCorrelation needs paired samples');
  const n = x.length;
  if (n < 2) return null;
  const rx = averageRanks(x);
  const ry = averageRanks(y);
  const mean = (n + 1) / 2;
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  for (let i = 0; i < n; i += 1) {
    const dx = rx[i] - mean;
    const dy = ry[i] - mean;
    sxy += dx * dy;
    sxx += dx * dx;
    syy += dy * dy;
  }
  if (sxx === 0 || syy === 0) return null;
  return Math.max(-1, Math.min(1, sxy / Math.sqrt(sxx * syy)));
}
