import { assertDate, assertFinite } from '../errors/guards.js';
import type { TierDefinition, TierOccupancy } from '../tiers/tier-ladder.js';
import { rankWaitlist, type WaitlistEntry } from './rank-waitlist.js';
import { freeSeats, quotaLeft } from './seat-availability.js';

export interface WaitlistAdmission<T extends WaitlistEntry = WaitlistEntry> {
  /** Customers to admit now, in admission order. */
  admitted: string[];
  /** Still waiting, in order. */
  remaining: T[];
  /** Scores fell below the tier's entryScore: they leave the waitlist. */
  noLongerQualified: string[];
}

/**
 * Who gets the free seats of `tier` now: never more than the free capacity nor the quota left
 * in the current period (in `timeZone`). Call it when seats free up or a period opens.
 */
export function admitFromWaitlist<T extends WaitlistEntry>(
  waitlist: readonly T[],
  tier: TierDefinition,
  occupancy: TierOccupancy | undefined,
  now: Date,
  timeZone: string,
): WaitlistAdmission<T> {
  assertDate(now, 'now');
  assertFinite(tier.entryScore, 'tier.entryScore');
  const openings = Math.min(freeSeats(tier, occupancy), quotaLeft(tier, occupancy, now.getTime(), timeZone));
  const admitted: string[] = [];
  const remaining: T[] = [];
  const noLongerQualified: string[] = [];
  for (const entry of rankWaitlist(waitlist)) {
    if (entry.score < tier.entryScore) noLongerQualified.push(entry.customerId);
    else if (admitted.length < openings) admitted.push(entry.customerId);
    else remaining.push(entry);
  }
  return { admitted, remaining, noLongerQualified };
}
