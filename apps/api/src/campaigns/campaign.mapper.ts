import {
  AudienceKind,
  type CampaignAudience,
  type CampaignProblem,
  type CampaignRules,
  CampaignStatus,
  Period,
} from '@inner-circle/domain';
import type { CampaignFields, CampaignRow, RedemptionRow } from '@inner-circle/persistence';
import type { FieldError } from '../common/validation/validation-exception.factory.js';
import { toCapPeriod, toDomainPeriod } from './dto/campaign-enums.js';
import type { CampaignAudienceInput, CampaignCapsInput } from './dto/campaign-rules.input.js';
import type { CampaignObject } from './dto/campaign.object.js';
import type { CreateCampaignInput } from './dto/create-campaign.input.js';
import type { RedemptionObject } from './dto/redemption.object.js';
import type { UpdateCampaignInput } from './dto/update-campaign.input.js';

/** The audience kind is not stored: it is whichever audience column is set (neither = ALL). */
export function toCampaignRules(row: CampaignRow): CampaignRules {
  let audience: CampaignAudience = { kind: AudienceKind.ALL };
  if (row.audienceTierIds !== null) audience = { kind: AudienceKind.TIER_IDS, tierIds: row.audienceTierIds };
  else if (row.audienceMinRank !== null) {
    audience = { kind: AudienceKind.MIN_TIER_RANK, minTierRank: row.audienceMinRank };
  }
  return {
    status: row.status as CampaignStatus,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    audience,
    caps: {
      total: row.capTotal,
      perCustomer: row.capPerCustomer,
      perPeriod:
        row.capPerPeriod !== null && row.capPeriod !== null
          ? { limit: row.capPerPeriod, period: row.capPeriod as Period }
          : null,
    },
  };
}

export function toCampaignFields(
  name: string,
  description: string | null,
  rules: CampaignRules,
): CampaignFields {
  const { audience, caps } = rules;
  return {
    name,
    description,
    status: rules.status,
    startsAt: rules.startsAt ?? null,
    endsAt: rules.endsAt ?? null,
    audienceMinRank: audience.kind === AudienceKind.MIN_TIER_RANK ? audience.minTierRank : null,
    audienceTierIds: audience.kind === AudienceKind.TIER_IDS ? audience.tierIds : null,
    capTotal: caps.total ?? null,
    capPerCustomer: caps.perCustomer ?? null,
    capPerPeriod: caps.perPeriod?.limit ?? null,
    capPeriod: caps.perPeriod?.period ?? null,
  };
}

/**
 * Irrelevant audience fields are dropped; a missing required one is passed on as-is (the domain
 * reports it with its path).
 */
function toAudience(input: CampaignAudienceInput): CampaignAudience {
  switch (input.kind) {
    case AudienceKind.ALL:
      return { kind: AudienceKind.ALL };
    case AudienceKind.MIN_TIER_RANK:
      return { kind: AudienceKind.MIN_TIER_RANK, minTierRank: input.minTierRank ?? Number.NaN };
    case AudienceKind.TIER_IDS:
      return { kind: AudienceKind.TIER_IDS, tierIds: input.tierIds ?? [] };
  }
}

function toCaps(input: CampaignCapsInput | null | undefined): CampaignRules['caps'] {
  return {
    total: input?.total ?? null,
    perCustomer: input?.perCustomer ?? null,
    perPeriod: input?.perPeriod
      ? { limit: input.perPeriod.limit, period: toDomainPeriod(input.perPeriod.period) }
      : null,
  };
}

export function rulesOfNewCampaign(input: CreateCampaignInput): CampaignRules {
  return {
    status: CampaignStatus.DRAFT,
    startsAt: input.startsAt ?? null,
    endsAt: input.endsAt ?? null,
    audience: toAudience(input.audience),
    caps: toCaps(input.caps),
  };
}

/** Omitted fields keep their value (undefined), null clears. */
export function rulesWithUpdate(rules: CampaignRules, input: UpdateCampaignInput): CampaignRules {
  return {
    status: rules.status,
    startsAt: input.startsAt === undefined ? rules.startsAt : input.startsAt,
    endsAt: input.endsAt === undefined ? rules.endsAt : input.endsAt,
    audience: input.audience === undefined ? rules.audience : toAudience(input.audience),
    caps: input.caps === undefined ? rules.caps : toCaps(input.caps),
  };
}

/**
 * Domain paths (`audience.tierIds[1]`) in the dotted form the validation pipe uses, under the
 * argument that carried them (`input.audience.tierIds.1`).
 */
export function toFieldErrors(problems: CampaignProblem[], argument?: string): FieldError[] {
  const byField = new Map<string, string[]>();
  for (const problem of problems) {
    const path = problem.path.replace(/\[(\d+)\]/g, '.$1');
    const field = argument ? `${argument}.${path}` : path;
    byField.set(field, [...(byField.get(field) ?? []), problem.message]);
  }
  return [...byField].map(([field, messages]) => ({ field, messages }));
}

export function toCampaignObject(row: CampaignRow): CampaignObject {
  const rules = toCampaignRules(row);
  const { audience, caps } = rules;
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    status: rules.status,
    startsAt: row.startsAt,
    endsAt: row.endsAt,
    audience: {
      kind: audience.kind,
      minTierRank: audience.kind === AudienceKind.MIN_TIER_RANK ? audience.minTierRank : null,
      tierIds: audience.kind === AudienceKind.TIER_IDS ? audience.tierIds : null,
    },
    caps: {
      total: caps.total ?? null,
      perCustomer: caps.perCustomer ?? null,
      perPeriod: caps.perPeriod
        ? { limit: caps.perPeriod.limit, period: toCapPeriod(caps.perPeriod.period) }
        : null,
    },
    redeemedCount: row.redeemedCount,
    createdAt: row.createdAt,
    updatedAt: row.updatedAt,
    rules,
  };
}

export function toRedemptionObject(row: RedemptionRow): RedemptionObject {
  return {
    id: row.id,
    customerId: row.customerId,
    idempotencyKey: row.idempotencyKey,
    createdAt: row.createdAt,
    campaignId: row.campaignId,
    tierId: row.tierId,
  };
}
