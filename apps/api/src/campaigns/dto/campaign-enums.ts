import { registerEnumType } from '@nestjs/graphql';
import { AudienceKind, CampaignStatus, Period } from '@inner-circle/domain';

// Registered once for the whole schema: other features import this file rather than registering again.
registerEnumType(CampaignStatus, { name: 'CampaignStatus' });
registerEnumType(AudienceKind, {
  name: 'AudienceKind',
  description: 'ALL (even customers without a tier), MIN_TIER_RANK (that rank and above) or TIER_IDS.',
});

/**
 * The calendar periods a campaign cap can count over, the domain's `Period` values. A GraphQL
 * enum of its own, because tier quotas may register the domain's `Period` under another name and
 * one TS enum registered twice makes a schema with two types for it.
 */
export enum CampaignCapPeriod {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}
registerEnumType(CampaignCapPeriod, {
  name: 'CampaignCapPeriod',
  description: 'Weeks start Monday 00:00, months on the 1st, in the business’s time zone.',
});

export function toDomainPeriod(period: CampaignCapPeriod): Period {
  switch (period) {
    case CampaignCapPeriod.WEEK:
      return Period.WEEK;
    case CampaignCapPeriod.MONTH:
      return Period.MONTH;
  }
}

export function toCapPeriod(period: Period): CampaignCapPeriod {
  switch (period) {
    case Period.WEEK:
      return CampaignCapPeriod.WEEK;
    case Period.MONTH:
      return CampaignCapPeriod.MONTH;
  }
}

export { AudienceKind, CampaignStatus };
