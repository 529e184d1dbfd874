import { assertDate } from '../errors/guards.js';
import { assertCustomerTierState } from './assert-tier-inputs.js';
import { TierDecisionKind, type TierDecision } from './tier-decision.js';
import type { CustomerTierState } from './tier-ladder.js';

/** Seats to give back and take when a decision is applied, for the atomic seat update. */
export interface SeatMovement {
  releaseTierId: string | null;
  takeTierId: string | null;
  /** True when entering `takeTierId` counts against its admission quota (upgrades only). */
  countsAsAdmission: boolean;
}

const NO_MOVEMENT: SeatMovement = { releaseTierId: null, takeTierId: null, countsAsAdmission: false };

/** Which seats a decision moves. Only upgrades use quota: quotas pace growth, not demotions. */
export function seatMovementOf(decision: TierDecision): SeatMovement {
  switch (decision.kind) {
    case TierDecisionKind.UPGRADE:
    case TierDecisionKind.ADMITTED_WAITLISTED:
      return { releaseTierId: decision.fromTierId, takeTierId: decision.toTierId, countsAsAdmission: true };
    case TierDecisionKind.DOWNGRADE:
      return { releaseTierId: decision.fromTierId, takeTierId: decision.toTierId, countsAsAdmission: false };
    case TierDecisionKind.LOCKED:
      return decision.facts.currentTierId === decision.tierId
        ? NO_MOVEMENT
        : {
            releaseTierId: decision.facts.currentTierId,
            takeTierId: decision.tierId,
            countsAsAdmission: false,
          };
    case TierDecisionKind.STAY:
    case TierDecisionKind.WAITLISTED:
    case TierDecisionKind.GRACE_STARTED:
    case TierDecisionKind.GRACE_CANCELLED:
      return NO_MOVEMENT;
  }
}

/** The customer's tier state once `decision` (made at `now`) is applied. */
export function applyDecision(
  customer: CustomerTierState,
  decision: TierDecision,
  now: Date,
): CustomerTierState {
  assertDate(now, 'now');
  assertCustomerTierState(customer);
  const keepQualifiedAt = (waitingFor: string): Date =>
    customer.waitlistedForTierId === waitingFor && customer.qualifiedAt !== null ? customer.qualifiedAt : now;
  const cleared = { graceUntil: null, waitlistedForTierId: null, qualifiedAt: null };
  switch (decision.kind) {
    case TierDecisionKind.STAY:
      return {
        ...customer,
        waitlistedForTierId: null,
        qualifiedAt: null,
        graceUntil: decision.tierId === null ? null : customer.graceUntil,
      };
    case TierDecisionKind.UPGRADE:
    case TierDecisionKind.DOWNGRADE:
      return { ...customer, ...cleared, tierId: decision.toTierId, since: now };
    case TierDecisionKind.ADMITTED_WAITLISTED:
      return {
        ...customer,
        tierId: decision.toTierId,
        since: now,
        graceUntil: null,
        waitlistedForTierId: decision.waitlistedForTierId,
        qualifiedAt: keepQualifiedAt(decision.waitlistedForTierId),
      };
    case TierDecisionKind.WAITLISTED:
      return {
        ...customer,
        graceUntil: null,
        waitlistedForTierId: decision.waitlistedForTierId,
        qualifiedAt: keepQualifiedAt(decision.waitlistedForTierId),
      };
    case TierDecisionKind.GRACE_STARTED:
      return { ...customer, graceUntil: decision.graceUntil, waitlistedForTierId: null, qualifiedAt: null };
    case TierDecisionKind.GRACE_CANCELLED:
      return { ...customer, graceUntil: null };
    case TierDecisionKind.LOCKED:
      return customer.tierId === decision.tierId
        ? { ...customer, ...cleared }
        : { ...customer, ...cleared, tierId: decision.tierId, since: now };
  }
}
