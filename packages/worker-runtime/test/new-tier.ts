import type { NewTier } from '@inner-circle/persistence';

/** A tier row for tests: one rank-1 tier entered at 1 point, no capacity, quota or grace unless overridden. */
export function newTier(overrides: Partial<NewTier> = {}): NewTier {
  return {
    name: 'Inner Circle',
    rank: 1,
    entryScore: 1,
    retainScore: 0.5,
    capacity: null,
    quotaLimit: null,
    quotaPeriod: null,
    graceDays: 0,
    benefits: null,
    ...overrides,
  };
}
