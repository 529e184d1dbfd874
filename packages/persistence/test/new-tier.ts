import type { NewTier } from '../src/repositories/tier.repository';

/** A tier of a test ladder: entry at rank × 10, retain 5 below, unbounded unless `extra` says so. */
export function tier(name: string, rank: number, extra: Partial<NewTier> = {}): NewTier {
  return {
    name,
    rank,
    entryScore: rank * 10,
    retainScore: rank * 10 - 5,
    capacity: null,
    quotaLimit: null,
    quotaPeriod: null,
    graceDays: 0,
    benefits: null,
    ...extra,
  };
}
