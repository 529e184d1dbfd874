import type { TierLock } from './tier-ladder.js';

export enum TierDecisionKind {
  STAY = 'STAY',
  UPGRADE = 'UPGRADE',
  ADMITTED_WAITLISTED = 'ADMITTED_WAITLISTED',
  WAITLISTED = 'WAITLISTED',
  GRACE_STARTED = 'GRACE_STARTED',
  GRACE_CANCELLED = 'GRACE_CANCELLED',
  DOWNGRADE = 'DOWNGRADE',
  LOCKED = 'LOCKED',
}

export enum TierDecisionReason {
  /** No tier and the score is below every entryScore. */
  NO_QUALIFYING_TIER = 'NO_QUALIFYING_TIER',
  /** Score at or above the current tier's entryScore; nothing higher is reachable. */
  RETAINED_ABOVE_ENTRY = 'RETAINED_ABOVE_ENTRY',
  /** Score between retainScore and entryScore: kept by hysteresis. */
  RETAINED_WITHIN_HYSTERESIS = 'RETAINED_WITHIN_HYSTERESIS',
  /** Below retainScore but the grace period is still running. */
  IN_GRACE = 'IN_GRACE',
  /** Entry score met and a seat and quota are free. */
  QUALIFIED = 'QUALIFIED',
  /** The tier waited for has no free seat. */
  TIER_FULL = 'TIER_FULL',
  /** The tier waited for has used its admissions for this period. */
  QUOTA_SPENT = 'QUOTA_SPENT',
  /** The tier waited for admits in rounds: the best of its waitlist enter when a period opens. */
  AWAITING_ROUND = 'AWAITING_ROUND',
  /** The customer was erased (GDPR): their seat goes back, and to the waitlist. */
  ERASED = 'ERASED',
  /** Taken from the waitlist into a seat that freed up, or in a period's round, in rank order. */
  ADMITTED_FROM_WAITLIST = 'ADMITTED_FROM_WAITLIST',
  SCORE_BELOW_RETAIN = 'SCORE_BELOW_RETAIN',
  SCORE_RECOVERED = 'SCORE_RECOVERED',
  GRACE_EXPIRED = 'GRACE_EXPIRED',
  /** Below retainScore in a tier with graceDays = 0. */
  NO_GRACE_PERIOD = 'NO_GRACE_PERIOD',
  /** The customer's tier is not in the ladder any more (ladder changed): placed afresh. */
  TIER_NOT_IN_LADDER = 'TIER_NOT_IN_LADDER',
  LOCK_IN_FORCE = 'LOCK_IN_FORCE',
}

/** Seats and quota of the tier the decision looked at. */
export interface OccupancyFact {
  tierId: string;
  members: number;
  capacity: number | null;
  admissionsInPeriod: number;
  /** Customers waiting for the tier, whose seats and quota are held for them. */
  waitlisted: number;
  quotaLimit: number | null;
  periodKey: string | null;
}

/** What the decision was based on, for history and "why" screens. */
export interface DecisionFacts {
  score: number;
  currentTierId: string | null;
  /** The tier whose thresholds decided (the target, the waited-for or the current tier). */
  consideredTierId: string | null;
  entryScore: number | null;
  retainScore: number | null;
  occupancy: OccupancyFact | null;
}

export interface DowngradeWarning {
  on: Date;
  toTierId: string | null;
}

interface DecisionBase {
  reason: TierDecisionReason;
  facts: DecisionFacts;
  /** Set while in grace: the downgrade that will happen unless the score recovers. */
  downgradeWarning?: DowngradeWarning;
}

export interface StayDecision extends DecisionBase {
  kind: TierDecisionKind.STAY;
  tierId: string | null;
}
export interface UpgradeDecision extends DecisionBase {
  kind: TierDecisionKind.UPGRADE;
  fromTierId: string | null;
  toTierId: string;
}
export interface AdmittedWaitlistedDecision extends DecisionBase {
  kind: TierDecisionKind.ADMITTED_WAITLISTED;
  fromTierId: string | null;
  toTierId: string;
  waitlistedForTierId: string;
}
export interface WaitlistedDecision extends DecisionBase {
  kind: TierDecisionKind.WAITLISTED;
  tierId: string | null;
  waitlistedForTierId: string;
}
export interface GraceStartedDecision extends DecisionBase {
  kind: TierDecisionKind.GRACE_STARTED;
  tierId: string;
  graceUntil: Date;
  downgradeWarning: DowngradeWarning;
}
export interface GraceCancelledDecision extends DecisionBase {
  kind: TierDecisionKind.GRACE_CANCELLED;
  tierId: string;
}
export interface DowngradeDecision extends DecisionBase {
  kind: TierDecisionKind.DOWNGRADE;
  fromTierId: string | null;
  toTierId: string | null;
}
export interface LockedDecision extends DecisionBase {
  kind: TierDecisionKind.LOCKED;
  tierId: string;
  lock: TierLock;
}

export type TierDecision =
  | StayDecision
  | UpgradeDecision
  | AdmittedWaitlistedDecision
  | WaitlistedDecision
  | GraceStartedDecision
  | GraceCancelledDecision
  | DowngradeDecision
  | LockedDecision;
