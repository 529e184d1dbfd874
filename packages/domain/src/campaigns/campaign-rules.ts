import type { Period } from '../growth/period.js';

export enum CampaignStatus {
  DRAFT = 'DRAFT',
  SCHEDULED = 'SCHEDULED',
  ACTIVE = 'ACTIVE',
  PAUSED = 'PAUSED',
  ENDED = 'ENDED',
}

export enum AudienceKind {
  ALL = 'ALL',
  MIN_TIER_RANK = 'MIN_TIER_RANK',
  TIER_IDS = 'TIER_IDS',
}

/** Who may redeem: everyone (even without a tier), tiers from a rank up, or a set of tiers. */
export type CampaignAudience =
  | { kind: AudienceKind.ALL }
  | { kind: AudienceKind.MIN_TIER_RANK; minTierRank: number }
  | { kind: AudienceKind.TIER_IDS; tierIds: string[] };

export interface CampaignCaps {
  /** Redemptions over the campaign's life; null/undefined = unlimited. */
  total?: number | null;
  perCustomer?: number | null;
  /** Redemptions by everyone per calendar period (business time zone). */
  perPeriod?: { limit: number; period: Period } | null;
}

export interface CampaignRules {
  status: CampaignStatus;
  /** Inclusive. */
  startsAt?: Date | null;
  /** Exclusive. */
  endsAt?: Date | null;
  audience: CampaignAudience;
  caps: CampaignCaps;
}

/** Redemptions counted so far. */
export interface CampaignUsage {
  total: number;
  /** By this customer. */
  byCustomer: number;
  /** By everyone in the period named by periodKey. */
  inPeriod: number;
  /** Period of `inPeriod`; when it is not the current period the count is stale and read as 0. */
  periodKey?: string;
}

export interface CustomerTierRef {
  id: string;
  rank: number;
}
