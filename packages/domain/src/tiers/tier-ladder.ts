import type { Period } from '../growth/period.js';

/** At most `limit` admissions into the tier per calendar period (business time zone). */
export interface AdmissionQuota {
  limit: number;
  period: Period;
}

/** How a tier's admission quota is spent. */
export enum AdmissionMode {
  /** The first qualifiers of a period take the seats (qualifiers decided together: best first). */
  CONTINUOUS = 'CONTINUOUS',
  /**
   * Qualifiers wait; when a period opens, the best of the waitlist by score as of then take the
   * period's quota and the free seats, in one round. Needs an admission quota (its period).
   */
  ROUNDS = 'ROUNDS',
}

export interface TierDefinition {
  id: string;
  name: string;
  /** 1 = lowest. Ranks order the ladder; they need not be contiguous. */
  rank: number;
  /** Score needed to get in. */
  entryScore: number;
  /** Score needed to stay (≤ entryScore): the gap is the hysteresis that stops flapping. */
  retainScore: number;
  /** Most members at once; null/undefined = unlimited. */
  capacity?: number | null;
  admissionQuota?: AdmissionQuota | null;
  /** CONTINUOUS when omitted. */
  admissionMode?: AdmissionMode;
  /** Days a member below retainScore keeps the tier before the downgrade. */
  graceDays: number;
  benefits?: string[];
}

export interface TierLadder {
  tiers: TierDefinition[];
  /** IANA zone of the business: quota periods and campaign periods follow its calendar. */
  timeZone: string;
  version?: number;
}

/** A manual pin: the customer stays in `tierId` until `until` (exclusive), or forever when null. */
export interface TierLock {
  tierId: string;
  until: Date | null;
  reason: string;
}

export interface CustomerTierState {
  tierId: string | null;
  /** When the customer entered the current tier. */
  since: Date | null;
  /** Current score (scoreAt(state, now)). */
  score: number;
  graceUntil: Date | null;
  waitlistedForTierId: string | null;
  /** When the customer first qualified for the tier they wait for (waitlist order). */
  qualifiedAt: Date | null;
  lock: TierLock | null;
}

/** Live counts for one tier. Capacity and quota come from the ladder, never from here. */
export interface TierOccupancy {
  members: number;
  /** Admissions already counted in the period named by periodKey. */
  admissionsInPeriod: number;
  /**
   * The period those admissions belong to (periodKey()). When it is not the current period,
   * the count is stale and treated as 0: a new period has opened. Omit to trust the count.
   */
  periodKey?: string;
  /**
   * Customers currently waiting for this tier. Seats and quota are kept for them: a direct
   * upgrade needs more free seats (and quota) than people waiting, otherwise the seat goes
   * through admitFromWaitlist in queue order. Omit (0) when there is no waitlist.
   */
  waitlisted?: number;
  /** ROUNDS tiers: the period key of the last admission round held (none yet when omitted). */
  roundHeldFor?: string | null;
}

/** Occupancy by tier id; a missing tier has no members and no admissions. */
export type OccupancyByTier = Readonly<Record<string, TierOccupancy | undefined>>;
