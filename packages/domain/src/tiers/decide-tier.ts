import { assertDate } from '../errors/guards.js';
import { periodWindowAt } from '../growth/period.js';
import { admissionsUsed, freeSeats, quotaLeft } from '../growth/seat-availability.js';
import { DAY_MS } from '../time/time-zone.js';
import { assertCustomerTierState } from './assert-tier-inputs.js';
import { indexLadder } from './sorted-tiers.js';
import {
  TierDecisionKind,
  TierDecisionReason,
  type DecisionFacts,
  type OccupancyFact,
  type TierDecision,
} from './tier-decision.js';
import {
  AdmissionMode,
  type CustomerTierState,
  type OccupancyByTier,
  type TierDefinition,
  type TierLadder,
} from './tier-ladder.js';

type Blocker =
  TierDecisionReason.TIER_FULL | TierDecisionReason.QUOTA_SPENT | TierDecisionReason.AWAITING_ROUND | null;

function blockerOf(
  tier: TierDefinition,
  occupancy: OccupancyByTier,
  nowMs: number,
  timeZone: string,
): Blocker {
  // A round tier is only ever entered through its waitlist, when a period opens.
  if (tier.admissionMode === AdmissionMode.ROUNDS) return TierDecisionReason.AWAITING_ROUND;
  const counts = occupancy[tier.id];
  // Seats and quota already promised to the queue are not free, so nobody jumps the waitlist.
  const queued = counts?.waitlisted ?? 0;
  if (freeSeats(tier, counts) - queued <= 0) return TierDecisionReason.TIER_FULL;
  if (quotaLeft(tier, counts, nowMs, timeZone) - queued <= 0) return TierDecisionReason.QUOTA_SPENT;
  return null;
}

function occupancyFact(
  tier: TierDefinition,
  occupancy: OccupancyByTier,
  nowMs: number,
  timeZone: string,
): OccupancyFact {
  const counts = occupancy[tier.id];
  const quota = tier.admissionQuota ?? null;
  return {
    tierId: tier.id,
    members: counts?.members ?? 0,
    capacity: tier.capacity ?? null,
    // A count from an earlier period is reported as 0: that is what the decision used.
    admissionsInPeriod: admissionsUsed(tier, counts, nowMs, timeZone),
    waitlisted: counts?.waitlisted ?? 0,
    quotaLimit: quota === null ? null : quota.limit,
    periodKey: quota === null ? null : periodWindowAt(nowMs, quota.period, timeZone).key,
  };
}

function factsAbout(
  customer: CustomerTierState,
  tier: TierDefinition | undefined,
  occupancy: OccupancyFact | null,
): DecisionFacts {
  return {
    score: customer.score,
    currentTierId: customer.tierId,
    consideredTierId: tier?.id ?? null,
    entryScore: tier?.entryScore ?? null,
    retainScore: tier?.retainScore ?? null,
    occupancy,
  };
}

/**
 * The one rule for where a customer belongs now. Upgrades go straight to the highest tier whose
 * entryScore is met and that has a seat and quota; if a higher qualifying tier is full, the
 * customer also waits for the highest such tier. Downgrades (after grace) go straight to the
 * highest lower tier whose retainScore is still met and that has a seat, or to no tier.
 * Downgrades never use admission quota; a lock overrides everything until it expires.
 */
export function decideTier(
  customer: CustomerTierState,
  ladder: TierLadder,
  occupancy: OccupancyByTier,
  now: Date,
): TierDecision {
  // Checked before the lock: an Invalid Date `now` (or lock end) used to skip a lock to 2030.
  assertDate(now, 'now');
  assertCustomerTierState(customer);
  const nowMs = now.getTime();
  const { tiers, indexById } = indexLadder(ladder);
  const lock = customer.lock;
  const lockIndex = lock === null ? undefined : indexById.get(lock.tierId);
  // A lock pins to a tier of the ladder: once a ladder change archives that tier, it no longer holds.
  if (lock !== null && lockIndex !== undefined && (lock.until === null || nowMs < lock.until.getTime())) {
    return {
      kind: TierDecisionKind.LOCKED,
      tierId: lock.tierId,
      lock,
      reason: TierDecisionReason.LOCK_IN_FORCE,
      facts: factsAbout(customer, tiers[lockIndex], null),
    };
  }

  const { timeZone } = ladder;
  const score = customer.score;
  const knownIndex = customer.tierId === null ? -1 : indexById.get(customer.tierId);
  const tierMissing = knownIndex === undefined;
  const currentIndex = knownIndex ?? -1;
  const current = currentIndex >= 0 ? tiers[currentIndex] : undefined;

  let top = -1;
  for (let i = tiers.length - 1; i > currentIndex; i--) {
    if (score >= tiers[i].entryScore) {
      top = i;
      break;
    }
  }

  if (top >= 0) {
    const topTier = tiers[top];
    const topBlocker = blockerOf(topTier, occupancy, nowMs, timeZone);
    let admitted = topBlocker === null ? top : -1;
    for (let i = top - 1; admitted < 0 && i > currentIndex; i--) {
      if (blockerOf(tiers[i], occupancy, nowMs, timeZone) === null) admitted = i;
    }
    if (topBlocker === null) {
      return {
        kind: TierDecisionKind.UPGRADE,
        fromTierId: customer.tierId,
        toTierId: topTier.id,
        reason: tierMissing ? TierDecisionReason.TIER_NOT_IN_LADDER : TierDecisionReason.QUALIFIED,
        facts: factsAbout(customer, topTier, occupancyFact(topTier, occupancy, nowMs, timeZone)),
      };
    }
    if (admitted >= 0) {
      const admittedTier = tiers[admitted];
      return {
        kind: TierDecisionKind.ADMITTED_WAITLISTED,
        fromTierId: customer.tierId,
        toTierId: admittedTier.id,
        waitlistedForTierId: topTier.id,
        reason: topBlocker,
        facts: factsAbout(customer, topTier, occupancyFact(topTier, occupancy, nowMs, timeZone)),
      };
    }
    if (!tierMissing) {
      return {
        kind: TierDecisionKind.WAITLISTED,
        tierId: customer.tierId,
        waitlistedForTierId: topTier.id,
        reason: topBlocker,
        facts: factsAbout(customer, topTier, occupancyFact(topTier, occupancy, nowMs, timeZone)),
      };
    }
  }

  if (current === undefined) {
    // A tier that left the ladder cannot be kept; the customer is placed afresh next time.
    if (tierMissing) {
      return {
        kind: TierDecisionKind.DOWNGRADE,
        fromTierId: customer.tierId,
        toTierId: null,
        reason: TierDecisionReason.TIER_NOT_IN_LADDER,
        facts: factsAbout(customer, undefined, null),
      };
    }
    return {
      kind: TierDecisionKind.STAY,
      tierId: null,
      reason: TierDecisionReason.NO_QUALIFYING_TIER,
      facts: factsAbout(customer, tiers[0], null),
    };
  }

  const facts = factsAbout(customer, current, null);
  // Grace is cancelled only by a recovery that lasts: back to the tier's entry score. A bounce
  // just above retain does not refund it, so grace cannot be restarted by one visit at a time.
  if (customer.graceUntil !== null && score >= current.entryScore) {
    return {
      kind: TierDecisionKind.GRACE_CANCELLED,
      tierId: current.id,
      reason: TierDecisionReason.SCORE_RECOVERED,
      facts,
    };
  }
  if (score >= current.retainScore) {
    if (customer.graceUntil !== null) {
      // Still in grace: the next fall below retain after graceUntil downgrades at once.
      return { kind: TierDecisionKind.STAY, tierId: current.id, reason: TierDecisionReason.IN_GRACE, facts };
    }
    return {
      kind: TierDecisionKind.STAY,
      tierId: current.id,
      reason:
        score >= current.entryScore
          ? TierDecisionReason.RETAINED_ABOVE_ENTRY
          : TierDecisionReason.RETAINED_WITHIN_HYSTERESIS,
      facts,
    };
  }

  let target = -1;
  for (let i = currentIndex - 1; i >= 0; i--) {
    const lower = tiers[i];
    if (score >= lower.retainScore && freeSeats(lower, occupancy[lower.id]) > 0) {
      target = i;
      break;
    }
  }
  const toTierId = target >= 0 ? tiers[target].id : null;

  if (current.graceDays === 0) {
    return {
      kind: TierDecisionKind.DOWNGRADE,
      fromTierId: current.id,
      toTierId,
      reason: TierDecisionReason.NO_GRACE_PERIOD,
      facts,
    };
  }
  if (customer.graceUntil === null) {
    const graceUntil = new Date(nowMs + current.graceDays * DAY_MS);
    return {
      kind: TierDecisionKind.GRACE_STARTED,
      tierId: current.id,
      graceUntil,
      reason: TierDecisionReason.SCORE_BELOW_RETAIN,
      facts,
      downgradeWarning: { on: graceUntil, toTierId },
    };
  }
  if (nowMs < customer.graceUntil.getTime()) {
    return {
      kind: TierDecisionKind.STAY,
      tierId: current.id,
      reason: TierDecisionReason.IN_GRACE,
      facts,
      downgradeWarning: { on: customer.graceUntil, toTierId },
    };
  }
  return {
    kind: TierDecisionKind.DOWNGRADE,
    fromTierId: current.id,
    toTierId,
    reason: TierDecisionReason.GRACE_EXPIRED,
    facts,
  };
}
