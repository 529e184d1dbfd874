import { Period, type CustomerTierState, type TierDefinition, type TierLadder } from '../src/index.js';

export const NOW = new Date('2026-11-27T12:00:00Z');
export const DAY = 86_400_000;

export function tier(
  overrides: Partial<TierDefinition> & Pick<TierDefinition, 'id' | 'rank' | 'entryScore'>,
): TierDefinition {
  return {
    name: overrides.id,
    retainScore: overrides.entryScore,
    graceDays: 14,
    capacity: null,
    admissionQuota: null,
    ...overrides,
  };
}

/** The README's café: Regulars / Friends / Inner Circle (20 seats, 5 admissions a week). */
export function cafeLadder(): TierLadder {
  return {
    timeZone: 'Europe/Paris',
    version: 1,
    tiers: [
      tier({ id: 'regulars', name: 'Regulars', rank: 1, entryScore: 5, retainScore: 3, graceDays: 0 }),
      tier({ id: 'friends', name: 'Friends', rank: 2, entryScore: 20, retainScore: 15, graceDays: 14 }),
      tier({
        id: 'inner-circle',
        name: 'Inner Circle',
        rank: 3,
        entryScore: 50,
        retainScore: 40,
        graceDays: 30,
        capacity: 20,
        admissionQuota: { limit: 5, period: Period.WEEK },
        benefits: ['Free pastry on Fridays', 'Tasting evenings'],
      }),
    ],
  };
}

export function customer(overrides: Partial<CustomerTierState> = {}): CustomerTierState {
  return {
    tierId: null,
    since: null,
    score: 0,
    graceUntil: null,
    waitlistedForTierId: null,
    qualifiedAt: null,
    lock: null,
    ...overrides,
  };
}

/** A ladder of `count` tiers, entry 10·rank, retain 10·rank − 5. */
export function tenTierLadder(count = 10, capacity: number | null = null): TierLadder {
  return {
    timeZone: 'UTC',
    tiers: Array.from({ length: count }, (_, i) =>
      tier({
        id: `t${i + 1}`,
        rank: i + 1,
        entryScore: 10 * (i + 1),
        retainScore: 10 * (i + 1) - 5,
        capacity,
        graceDays: 7,
      }),
    ),
  };
}
