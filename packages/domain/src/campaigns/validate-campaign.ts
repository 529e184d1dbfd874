import { Period } from '../growth/period.js';
import type { TierLadder } from '../tiers/tier-ladder.js';
import { AudienceKind, CampaignStatus, type CampaignRules } from './campaign-rules.js';

export enum CampaignProblemCode {
  INVALID_STATUS = 'INVALID_STATUS',
  SCHEDULED_WITHOUT_START = 'SCHEDULED_WITHOUT_START',
  INVALID_DATE = 'INVALID_DATE',
  ENDS_BEFORE_START = 'ENDS_BEFORE_START',
  INVALID_AUDIENCE = 'INVALID_AUDIENCE',
  INVALID_MIN_TIER_RANK = 'INVALID_MIN_TIER_RANK',
  EMPTY_TIER_IDS = 'EMPTY_TIER_IDS',
  UNKNOWN_TIER_ID = 'UNKNOWN_TIER_ID',
  DUPLICATE_TIER_ID = 'DUPLICATE_TIER_ID',
  INVALID_CAP = 'INVALID_CAP',
  INVALID_CAP_PERIOD = 'INVALID_CAP_PERIOD',
}

export interface CampaignProblem {
  path: string;
  code: CampaignProblemCode;
  message: string;
}

const isCount = (value: unknown): boolean =>
  typeof value === 'number' && Number.isInteger(value) && value >= 0;
const isBadDate = (value: Date | null | undefined): boolean =>
  value !== undefined && value !== null && !(value instanceof Date && Number.isFinite(value.getTime()));

/** Every problem in the campaign rules; pass the ladder to also check that tier ids exist. */
export function validateCampaign(rules: CampaignRules, ladder?: TierLadder): CampaignProblem[] {
  const problems: CampaignProblem[] = [];
  const add = (path: string, code: CampaignProblemCode, message: string): void => {
    problems.push({ path, code, message });
  };
  if (!Object.values(CampaignStatus).includes(rules.status)) {
    add(
      'status',
      CampaignProblemCode.INVALID_STATUS,
      `Status must be one of ${Object.values(CampaignStatus).join(', ')}.`,
    );
  }
  if (rules.status === CampaignStatus.SCHEDULED && !rules.startsAt) {
    add('startsAt', CampaignProblemCode.SCHEDULED_WITHOUT_START, 'A scheduled campaign needs a start date.');
  }
  if (isBadDate(rules.startsAt))
    add('startsAt', CampaignProblemCode.INVALID_DATE, 'startsAt is not a valid date.');
  if (isBadDate(rules.endsAt)) add('endsAt', CampaignProblemCode.INVALID_DATE, 'endsAt is not a valid date.');
  if (
    rules.startsAt &&
    rules.endsAt &&
    !isBadDate(rules.startsAt) &&
    !isBadDate(rules.endsAt) &&
    rules.endsAt <= rules.startsAt
  ) {
    add('endsAt', CampaignProblemCode.ENDS_BEFORE_START, 'endsAt must be after startsAt.');
  }

  const audience = rules.audience as CampaignRules['audience'] | undefined;
  switch (audience?.kind) {
    case AudienceKind.ALL:
      break;
    case AudienceKind.MIN_TIER_RANK:
      if (!Number.isInteger(audience.minTierRank) || audience.minTierRank < 1) {
        add(
          'audience.minTierRank',
          CampaignProblemCode.INVALID_MIN_TIER_RANK,
          'minTierRank must be a whole number ≥ 1.',
        );
      }
      break;
    case AudienceKind.TIER_IDS: {
      if (!Array.isArray(audience.tierIds) || audience.tierIds.length === 0) {
        add('audience.tierIds', CampaignProblemCode.EMPTY_TIER_IDS, 'Choose at least one tier.');
        break;
      }
      const known = ladder === undefined ? null : new Set(ladder.tiers.map((tier) => tier.id));
      const firstIndex = new Map<string, number>();
      audience.tierIds.forEach((tierId, i) => {
        const first = firstIndex.get(tierId);
        if (first !== undefined) {
          add(
            `audience.tierIds[${i}]`,
            CampaignProblemCode.DUPLICATE_TIER_ID,
            `Tier "${tierId}" is already listed at audience.tierIds[${first}].`,
          );
        } else firstIndex.set(tierId, i);
        if (known !== null && !known.has(tierId)) {
          add(
            `audience.tierIds[${i}]`,
            CampaignProblemCode.UNKNOWN_TIER_ID,
            `Tier "${tierId}" is not in the ladder.`,
          );
        }
      });
      break;
    }
    default:
      add(
        'audience',
        CampaignProblemCode.INVALID_AUDIENCE,
        'Audience must be ALL, MIN_TIER_RANK or TIER_IDS.',
      );
  }

  const caps = rules.caps ?? {};
  for (const name of ['total', 'perCustomer'] as const) {
    const cap = caps[name];
    if (cap !== undefined && cap !== null && !isCount(cap)) {
      add(
        `caps.${name}`,
        CampaignProblemCode.INVALID_CAP,
        `caps.${name} must be a whole number ≥ 0, or empty for no cap.`,
      );
    }
  }
  const perPeriod = caps.perPeriod;
  if (perPeriod !== undefined && perPeriod !== null) {
    if (!isCount(perPeriod.limit)) {
      add(
        'caps.perPeriod.limit',
        CampaignProblemCode.INVALID_CAP,
        'caps.perPeriod.limit must be a whole number ≥ 0.',
      );
    }
    if (perPeriod.period !== Period.WEEK && perPeriod.period !== Period.MONTH) {
      add(
        'caps.perPeriod.period',
        CampaignProblemCode.INVALID_CAP_PERIOD,
        'The cap period must be WEEK or MONTH.',
      );
    }
  }
  return problems;
}
