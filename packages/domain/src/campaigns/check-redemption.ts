import {
  AudienceKind,
  CampaignStatus,
  type CampaignRules,
  type CampaignUsage,
  type CustomerTierRef,
} from './campaign-rules.js';
import { assertFinite, assertOneOf, assertOptionalDate, assertUniqueIds } from '../errors/guards.js';
import { assertCapacityInput, capacityOf } from './remaining-capacity.js';

export enum RedemptionRefusal {
  /** Draft or paused. */
  NOT_ACTIVE = 'NOT_ACTIVE',
  NOT_STARTED = 'NOT_STARTED',
  ENDED = 'ENDED',
  NOT_ELIGIBLE_TIER = 'NOT_ELIGIBLE_TIER',
  CAP_REACHED_TOTAL = 'CAP_REACHED_TOTAL',
  CAP_REACHED_CUSTOMER = 'CAP_REACHED_CUSTOMER',
  CAP_REACHED_PERIOD = 'CAP_REACHED_PERIOD',
}

export type RedemptionCheck = { allowed: true } | { allowed: false; reason: RedemptionRefusal };

export interface RedemptionRequest {
  campaign: CampaignRules;
  /** The customer's current tier, or null without one. */
  customerTier: CustomerTierRef | null;
  usage: CampaignUsage;
  now: Date;
  /** The business's zone, for per-period caps. */
  timeZone: string;
}

const STATUSES = Object.values(CampaignStatus);
const AUDIENCE_KINDS = Object.values(AudienceKind);
const itself = (id: string): string => id;

// Every field the decision reads: an unknown status or audience, a NaN rank or count, an Invalid
// Date window or a repeated tier id must not turn into an answer.
function assertRedemptionRequest(request: RedemptionRequest): void {
  const { campaign, customerTier } = request;
  assertOneOf(campaign.status, STATUSES, 'campaign.status');
  assertOptionalDate(campaign.startsAt, 'campaign.startsAt');
  assertOptionalDate(campaign.endsAt, 'campaign.endsAt');
  const audience = campaign.audience;
  assertOneOf(audience.kind, AUDIENCE_KINDS, 'campaign.audience.kind');
  if (audience.kind === AudienceKind.MIN_TIER_RANK) {
    assertFinite(audience.minTierRank, 'campaign.audience.minTierRank');
  } else if (audience.kind === AudienceKind.TIER_IDS) {
    assertUniqueIds(audience.tierIds, itself, 'campaign.audience.tierIds[]');
  }
  if (customerTier !== null) assertFinite(customerTier.rank, 'customerTier.rank');
  assertCapacityInput(request);
}

function refuse(reason: RedemptionRefusal): RedemptionCheck {
  return { allowed: false, reason };
}

function refusalForStatus(campaign: CampaignRules, nowMs: number): RedemptionRefusal | null {
  switch (campaign.status) {
    case CampaignStatus.DRAFT:
    case CampaignStatus.PAUSED:
      return RedemptionRefusal.NOT_ACTIVE;
    case CampaignStatus.ENDED:
      return RedemptionRefusal.ENDED;
    case CampaignStatus.SCHEDULED:
      // The scheduler may flip the status a little late; the start date is what counts.
      return campaign.startsAt === undefined ||
        campaign.startsAt === null ||
        nowMs < campaign.startsAt.getTime()
        ? RedemptionRefusal.NOT_STARTED
        : null;
    case CampaignStatus.ACTIVE:
      return null;
  }
}

function isInAudience(campaign: CampaignRules, tier: CustomerTierRef | null): boolean {
  const audience = campaign.audience;
  switch (audience.kind) {
    case AudienceKind.ALL:
      return true;
    case AudienceKind.MIN_TIER_RANK:
      return tier !== null && tier.rank >= audience.minTierRank;
    case AudienceKind.TIER_IDS:
      return tier !== null && audience.tierIds.includes(tier.id);
  }
}

/**
 * May this customer redeem now? Checks run in a fixed order (status, window, audience, total,
 * customer, period cap) so the reason is stable. The database still enforces the caps atomically;
 * this is the rule both sides agree on.
 */
export function checkRedemption(request: RedemptionRequest): RedemptionCheck {
  assertRedemptionRequest(request);
  const { campaign, customerTier } = request;
  const nowMs = request.now.getTime();
  const statusRefusal = refusalForStatus(campaign, nowMs);
  if (statusRefusal !== null) return refuse(statusRefusal);
  if (campaign.startsAt && nowMs < campaign.startsAt.getTime()) return refuse(RedemptionRefusal.NOT_STARTED);
  if (campaign.endsAt && nowMs >= campaign.endsAt.getTime()) return refuse(RedemptionRefusal.ENDED);
  if (!isInAudience(campaign, customerTier)) return refuse(RedemptionRefusal.NOT_ELIGIBLE_TIER);
  const capacity = capacityOf(request);
  if (capacity.total === 0) return refuse(RedemptionRefusal.CAP_REACHED_TOTAL);
  if (capacity.customer === 0) return refuse(RedemptionRefusal.CAP_REACHED_CUSTOMER);
  if (capacity.period === 0) return refuse(RedemptionRefusal.CAP_REACHED_PERIOD);
  return { allowed: true };
}
