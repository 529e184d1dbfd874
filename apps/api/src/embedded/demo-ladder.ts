import type { NewTier } from '@inner-circle/persistence';

/** A café's ladder: everyone can be a Regular, the Inner Circle grows five a week. */
export const DEMO_LADDER: NewTier[] = [
  {
    name: 'Regulars',
    rank: 1,
    entryScore: 10,
    retainScore: 6,
    capacity: null,
    quotaLimit: null,
    quotaPeriod: null,
    graceDays: 14,
    benefits: 'Free refill on filter coffee',
  },
  {
    name: 'Friends',
    rank: 2,
    entryScore: 40,
    retainScore: 30,
    capacity: null,
    quotaLimit: null,
    quotaPeriod: null,
    graceDays: 21,
    benefits: 'A pastry on us every month',
  },
  {
    name: 'Inner Circle',
    rank: 3,
    entryScore: 100,
    retainScore: 80,
    capacity: 20,
    quotaLimit: 5,
    quotaPeriod: 'WEEK',
    graceDays: 30,
    benefits: 'Tasting evenings and a say in the seasonal menu',
  },
];
