import type { TierQuotaPeriod } from '../../gql/graphql';

export interface TierSeats {
  capacity?: number | null;
  capacityRemaining?: number | null;
  admissionQuota?: { limit: number; period: TierQuotaPeriod } | null;
  quotaUsedThisPeriod?: number | null;
  admissionMode: 'CONTINUOUS' | 'ROUNDS';
}

export type WaitReason = 'TIER_FULL' | 'QUOTA_SPENT' | 'NEXT_ROUND';

/** Why the tier's waitlist waits (the API gives the tier's figures, not a per-entry reason). */
export function waitReason(tier: TierSeats): WaitReason {
  if (tier.capacity != null && (tier.capacityRemaining ?? 0) <= 0) return 'TIER_FULL';
  if (tier.admissionQuota && (tier.quotaUsedThisPeriod ?? 0) >= tier.admissionQuota.limit)
    return 'QUOTA_SPENT';
  return 'NEXT_ROUND';
}

export const WAIT_REASON_TEXT: Record<WaitReason, string> = {
  TIER_FULL: 'Tier full: waits for a seat to free up',
  QUOTA_SPENT: 'Quota spent: waits for the next period',
  NEXT_ROUND: 'Waits for the next admission round',
};

/** The top tier is the highest rank. */
export function topTier<T extends { rank: number }>(tiers: readonly T[]): T | undefined {
  return tiers.reduce<T | undefined>((top, t) => (!top || t.rank > top.rank ? t : top), undefined);
}

/**
 * The local calendar day the next quota period opens (weeks start Monday, months on the 1st,
 * in the business's time zone), as a label such as "Monday 7 December".
 */
export function nextPeriodLabel(period: TierQuotaPeriod, timeZone: string, now: Date): string {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    weekday: 'short',
  }).formatToParts(now);
  const get = (type: string) => parts.find((p) => p.type === type)?.value ?? '';
  const year = Number(get('year'));
  const month = Number(get('month'));
  const day = Number(get('day'));
  const weekdays = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
  const weekdayIndex = weekdays.indexOf(get('weekday'));
  // A UTC-noon date stands for the local calendar day, so no offset can move it across midnight.
  const next =
    period === 'WEEK'
      ? new Date(Date.UTC(year, month - 1, day + (7 - weekdayIndex), 12))
      : new Date(Date.UTC(year, month, 1, 12));
  return new Intl.DateTimeFormat('en-GB', {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    timeZone: 'UTC',
  }).format(next);
}
