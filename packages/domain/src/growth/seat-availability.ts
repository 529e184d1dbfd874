import { assertCount, assertOptionalCount } from '../errors/guards.js';
import type { TierDefinition, TierOccupancy } from '../tiers/tier-ladder.js';
import { periodWindowAt } from './period.js';

// Counts come from the database and from callers' arithmetic: a negative or NaN count would
// hand out seats that do not exist, so every seat and quota figure is checked where it is read.
function assertCounts(tier: TierDefinition, occupancy: TierOccupancy | undefined): void {
  if (occupancy === undefined) return;
  assertCount(occupancy.members, 'occupancy[].members', tier.id);
  assertCount(occupancy.admissionsInPeriod, 'occupancy[].admissionsInPeriod', tier.id);
  assertOptionalCount(occupancy.waitlisted, 'occupancy[].waitlisted', tier.id);
}

/** Seats left in the tier (Infinity when uncapped, never negative). */
export function freeSeats(tier: TierDefinition, occupancy: TierOccupancy | undefined): number {
  assertCounts(tier, occupancy);
  if (tier.capacity === undefined || tier.capacity === null) return Infinity;
  assertCount(tier.capacity, 'tier.capacity');
  return Math.max(0, tier.capacity - (occupancy?.members ?? 0));
}

/** Admissions already used in the current period; a count from an older period is stale, so 0. */
export function admissionsUsed(
  tier: TierDefinition,
  occupancy: TierOccupancy | undefined,
  nowMs: number,
  timeZone: string,
): number {
  assertCounts(tier, occupancy);
  const quota = tier.admissionQuota;
  if (quota === undefined || quota === null || occupancy === undefined) return 0;
  if (
    occupancy.periodKey !== undefined &&
    occupancy.periodKey !== periodWindowAt(nowMs, quota.period, timeZone).key
  )
    return 0;
  return occupancy.admissionsInPeriod;
}

/** Admissions left in the current period (Infinity when the tier has no quota). */
export function quotaLeft(
  tier: TierDefinition,
  occupancy: TierOccupancy | undefined,
  nowMs: number,
  timeZone: string,
): number {
  const quota = tier.admissionQuota;
  if (quota === undefined || quota === null) return Infinity;
  assertCount(quota.limit, 'tier.admissionQuota.limit');
  return Math.max(0, quota.limit - admissionsUsed(tier, occupancy, nowMs, timeZone));
}
