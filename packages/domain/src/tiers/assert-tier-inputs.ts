import {
  assertCount,
  assertFinite,
  assertOneOf,
  assertOptionalCount,
  assertOptionalDate,
  assertUniqueIds,
} from '../errors/guards.js';
import { PERIODS } from '../growth/period.js';
import type { CustomerTierState, TierDefinition, TierLadder } from './tier-ladder.js';

const tierIdOf = (tier: TierDefinition): string => tier.id;

/**
 * The numbers and ids a decision reads are usable: finite scores and ranks, counts for capacity,
 * quota and grace, a known quota period, unique tier ids. Business rules (thresholds rising
 * with rank, retain ≤ entry…) are validateLadder's job when a ladder is saved.
 */
export function assertLadderInputs(ladder: TierLadder): void {
  const tiers = ladder.tiers;
  for (let i = 0; i < tiers.length; i++) {
    const tier = tiers[i];
    assertFinite(tier.rank, 'ladder.tiers[].rank', i);
    assertFinite(tier.entryScore, 'ladder.tiers[].entryScore', i);
    assertFinite(tier.retainScore, 'ladder.tiers[].retainScore', i);
    assertOptionalCount(tier.capacity, 'ladder.tiers[].capacity', i);
    assertCount(tier.graceDays, 'ladder.tiers[].graceDays', i);
    const quota = tier.admissionQuota;
    if (quota !== undefined && quota !== null) {
      assertCount(quota.limit, 'ladder.tiers[].admissionQuota.limit', i);
      assertOneOf(quota.period, PERIODS, 'ladder.tiers[].admissionQuota.period', i);
    }
  }
  assertUniqueIds(tiers, tierIdOf, 'ladder.tiers[].id');
}

/** A finite score and valid dates: an Invalid Date lock end or grace end would be silently ignored. */
export function assertCustomerTierState(customer: CustomerTierState): void {
  assertFinite(customer.score, 'customer.score');
  assertOptionalDate(customer.since, 'customer.since');
  assertOptionalDate(customer.graceUntil, 'customer.graceUntil');
  assertOptionalDate(customer.qualifiedAt, 'customer.qualifiedAt');
  if (customer.lock !== null && customer.lock !== undefined) {
    assertOptionalDate(customer.lock.until, 'customer.lock.until');
  }
}
