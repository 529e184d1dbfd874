import { TierChangeDirection } from '@inner-circle/contracts';
import type { Period, TierLock } from '@inner-circle/domain';

/**
 * One tier change of one customer, as the api (locks) and the worker (decisions) both
 * describe it. Everything is written in the caller's transaction.
 */
export interface TierMove {
  businessId: string;
  customerId: string;
  /** The tier the customer holds (applyMove refuses a stale one; applyCheckedMoves trusts its caller). */
  fromTierId: string | null;
  toTierId: string | null;
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
  /** CloudEvents source of the tier-changed event. */
  source?: string;
}

/** What a move's event and direction need of a tier (name and rank as they are now). */
export interface KnownTier {
  id: string;
  name: string;
  rank: number;
  quotaPeriod: Period | null;
}

export enum TierMoveRefusal {
  CUSTOMER_NOT_FOUND = 'CUSTOMER_NOT_FOUND',
  /** The customer no longer holds `fromTierId` (a concurrent change won): decide again. */
  STALE_FROM_TIER = 'STALE_FROM_TIER',
  /** The target is not an active tier of the business. */
  TIER_NOT_FOUND = 'TIER_NOT_FOUND',
  TIER_FULL = 'TIER_FULL',
  QUOTA_SPENT = 'QUOTA_SPENT',
}

export interface AppliedTierMove {
  applied: true;
  /** false when from and to are the same tier: the customer's columns were updated, nothing moved. */
  changed: boolean;
  /** The tier_changes row and the outbox event id; null when nothing changed. */
  tierChangeId: string | null;
  eventId: string | null;
  direction: TierChangeDirection;
}

export interface RefusedTierMove {
  applied: false;
  refusal: TierMoveRefusal;
}

/** A refusal leaves nothing written, so the caller's transaction can carry on (e.g. waitlist instead). */
export type TierMoveResult = AppliedTierMove | RefusedTierMove;

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

/** For callers that cannot go on after a refusal: throwing rolls their transaction back. */
export class TierMoveRefusedError extends Error {
  constructor(readonly refusal: TierMoveRefusal) {
    super(`tier move refused: ${refusal}`);
    this.name = 'TierMoveRefusedError';
  }
}

/** By rank; leaving the ladder is down, joining it is up. An archived tier keeps its old rank. */
export function directionOf(from: KnownTier | null, to: KnownTier | null): TierChangeDirection {
  const fromRank = from?.rank ?? 0;
  const toRank = to?.rank ?? 0;
  if (toRank > fromRank) return TierChangeDirection.UP;
  if (toRank < fromRank) return TierChangeDirection.DOWN;
  return TierChangeDirection.NONE;
}
