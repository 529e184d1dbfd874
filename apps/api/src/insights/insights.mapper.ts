import type {
  InnerCircleGrowthRow,
  TierDistributionRow,
  TierEngagementRow,
  TopReferrerRow,
} from '@inner-circle/persistence';
import { toTierObject } from '../tiers/tier.mapper.js';
import type {
  InnerCircleGrowthWeekObject,
  TierDistributionEntryObject,
  TierEngagementObject,
  TopReferrerObject,
} from './dto/insights-results.object.js';

export function toTierDistributionEntry(row: TierDistributionRow): TierDistributionEntryObject {
  return { tier: row.tier && toTierObject(row.tier), customers: row.customers };
}

export function toInnerCircleGrowthWeek(row: InnerCircleGrowthRow): InnerCircleGrowthWeekObject {
  return { weekStart: row.weekStart, joined: row.joined, left: row.left, members: row.members };
}

export function toTierEngagement(row: TierEngagementRow): TierEngagementObject {
  return {
    tier: toTierObject(row.tier),
    members: row.members,
    repeatPurchaseRate: row.members ? row.repeatPurchasers / row.members : 0,
    averageFeedbackRating: row.averageFeedbackRating,
  };
}

export function toTopReferrer(row: TopReferrerRow): TopReferrerObject {
  return {
    customerId: row.customerId,
    externalRef: row.externalRef,
    name: row.name,
    referrals: row.referrals,
  };
}
