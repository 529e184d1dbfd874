import type { NewTier } from '@inner-circle/persistence';

/**
 * A café's ladder, set against score model v2 and the demo history (demo-history.ts): a new
 * customer's first week is about 8 points, so Regulars start at 12 (a second week back); a regular
 * who comes most weeks and buys something reaches 35–60, so Friends start at 35; the evangelists
 * (weekly, feedback, referrals) reach 80–120, so the Inner Circle (from 60) fills its 15 seats and
 * keeps a waitlist. Its quota (20 a month) lets a full circle form on the first start.
 * demo-history.spec.ts checks these claims against the generated history.
 */
export const DEMO_LADDER: NewTier[] = [
  {
    name: 'Regulars',
    rank: 1,
    entryScore: 12,
    retainScore: 8,
    capacity: null,
    quotaLimit: null,
    quotaPeriod: null,
    graceDays: 14,
    benefits: 'Free refill on filter coffee',
  },
  {
    name: 'Friends',
    rank: 2,
    entryScore: 35,
    retainScore: 26,
    capacity: null,
    quotaLimit: null,
    quotaPeriod: null,
    graceDays: 21,
    benefits: 'A pastry on us every month',
  },
  {
    name: 'Inner Circle',
    rank: 3,
    entryScore: 60,
    retainScore: 48,
    capacity: 15,
    quotaLimit: 20,
    quotaPeriod: 'MONTH',
    graceDays: 30,
    benefits: 'Tasting evenings and a say in the seasonal menu',
  },
];
