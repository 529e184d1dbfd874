import type { Period, TierLock, TierMoveDirection } from '@inner-circle/domain';

/**
 * One tier change of one customer, as the domain's plan decided it (planTierMoves: the target,
 * the direction, the reason, whether it takes an admission or is forced by a lock). Written in
 * the caller's transaction; the caller writes its tier-changed event (see AppliedTierMove).
 */
export interface TierMove {
  businessId: string;
  customerId: string;
  /** The tier the customer holds (applyCheckedMoves trusts its caller, who holds the row locked). */
  fromTierId: string | null;
  toTierId: string | null;
  /** The domain move's direction, stored in history as it is. */
  direction: TierMoveDirection;
  /** Reason code for history and the event (`LOCKED`, `QUALIFIED`, `GRACE_EXPIRED`, …). */
  reason: string;
  score: number;
  ladderVersion: number;
  /**
   * Quota period the admission counts under. Omit to have it computed from the tier's quota
   * period and the business's time zone (no quota → not counted).
   */
  periodKey?: string | null;
  /** Upgrades count against the target tier's admission quota; downgrades and locks do not. */
  countsAsAdmission: boolean;
  /** Locks are the owner's explicit choice: they take a seat even in a full tier or spent quota. */
  ignoreCapacity: boolean;
  /** Still waiting for a higher tier after the move (ADMITTED_WAITLISTED); default none. */
  waitlistedForTierId?: string | null;
  qualifiedAt?: Date | null;
  /** undefined leaves the lock columns as they are; null clears them. */
  lock?: TierLock | null;
  at: Date;
}

/** What a move's history, admission and event need of a tier (name and rank as they are now). */
export interface KnownTier {
  id: string;
  name: string;
  rank: number;
  quotaPeriod: Period | null;
}

/** What applyCheckedMoves wrote for one move. */
export interface AppliedTierMove {
  /** false when from and to are the same tier: the customer's columns were updated, nothing moved. */
  changed: boolean;
  /** The tier_changes row's id, which its tier-changed event carries; null when nothing changed. */
  tierChangeId: string | null;
  direction: TierMoveDirection;
  /** The tiers left and entered (archived ones too), as history names them now; null for none. */
  from: KnownTier | null;
  to: KnownTier | null;
}

/**
 * A checked move failed its re-check in SQL (a seat or quota passed, a customer not updated):
 * the caller's occupancy was wrong, which is a bug, never a race, as the caller holds the
 * locks. Thrown, so the caller's transaction rolls back with nothing written.
 */
export class TierMoveCheckError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'TierMoveCheckError';
  }
}
