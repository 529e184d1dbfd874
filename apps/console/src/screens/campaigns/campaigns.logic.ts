import type { CampaignStatus, CreateCampaignInput } from '../../gql/graphql';

export type CampaignAction = 'schedule' | 'activate' | 'pause' | 'end';

/** The transitions the API allows from each status (see the mutations' descriptions). */
export function allowedActions(status: CampaignStatus): CampaignAction[] {
  switch (status) {
    case 'DRAFT':
      return ['schedule', 'activate', 'end'];
    case 'SCHEDULED':
      return ['activate', 'pause', 'end'];
    case 'ACTIVE':
      return ['pause', 'end'];
    case 'PAUSED':
      return ['schedule', 'activate', 'end'];
    case 'ENDED':
      return [];
  }
}

export interface CapBar {
  label: string;
  used: number;
  limit: number;
}

/** One bar per cap that exists: redemptions used against it. */
export function capBars(campaign: {
  redeemedCount: number;
  caps: { total?: number | null; perPeriod?: { limit: number; period: string } | null };
  remaining: { perPeriod?: number | null; periodKey?: string | null };
}): CapBar[] {
  const bars: CapBar[] = [];
  if (campaign.caps.total != null)
    bars.push({ label: 'Total', used: campaign.redeemedCount, limit: campaign.caps.total });
  const period = campaign.caps.perPeriod;
  if (period && campaign.remaining.perPeriod != null) {
    bars.push({
      label: `This ${period.period === 'WEEK' ? 'week' : 'month'}${campaign.remaining.periodKey ? ` (${campaign.remaining.periodKey})` : ''}`,
      used: period.limit - campaign.remaining.perPeriod,
      limit: period.limit,
    });
  }
  return bars;
}

export interface CampaignDraft {
  name: string;
  description: string;
  audience: 'ALL' | 'MIN_TIER_RANK';
  minTierRank: string;
  total: string;
  perCustomer: string;
  perPeriod: string;
  period: 'WEEK' | 'MONTH';
}

function optionalInt(text: string): number | null {
  return text.trim() === '' ? null : Number(text);
}

export function campaignInput(d: CampaignDraft): CreateCampaignInput {
  const perPeriod = optionalInt(d.perPeriod);
  return {
    name: d.name,
    description: d.description.trim() || null,
    audience:
      d.audience === 'ALL'
        ? { kind: 'ALL' }
        : { kind: 'MIN_TIER_RANK', minTierRank: optionalInt(d.minTierRank) },
    caps: {
      total: optionalInt(d.total),
      perCustomer: optionalInt(d.perCustomer),
      perPeriod: perPeriod == null ? null : { limit: perPeriod, period: d.period },
    },
  };
}

/** Redeemers shown at first, and added by each "Show more". */
export const REDEEMERS_PAGE = 10;
/** The API pages at most 100 at a time. */
export const REDEEMERS_MAX = 100;

/** The next page size to ask for, or null when there is nothing more (or the API's limit is reached). */
export function nextRedeemersPage(current: number, hasNextPage: boolean): number | null {
  if (!hasNextPage || current >= REDEEMERS_MAX) return null;
  return Math.min(current + REDEEMERS_PAGE, REDEEMERS_MAX);
}
