import { AdmissionMode, Period, type TierDefinition, type TierLadder } from '@inner-circle/domain';
import type { TierEntity } from '../entities/tier.entity.js';
import type { LadderRows } from '../repositories/tier.repository.js';

const PERIODS: Record<NonNullable<TierEntity['quotaPeriod']>, Period> = {
  WEEK: Period.WEEK,
  MONTH: Period.MONTH,
};

/** A stored tier as the domain rules see it; a quota needs both its limit and its period. */
export function toTierDefinition(tier: TierEntity): TierDefinition {
  const quota =
    tier.quotaLimit !== null && tier.quotaPeriod !== null
      ? { limit: tier.quotaLimit, period: PERIODS[tier.quotaPeriod] }
      : null;
  return {
    id: tier.id,
    name: tier.name,
    rank: tier.rank,
    entryScore: tier.entryScore,
    retainScore: tier.retainScore,
    capacity: tier.capacity,
    admissionQuota: quota,
    admissionMode: tier.admissionMode === 'ROUNDS' ? AdmissionMode.ROUNDS : AdmissionMode.CONTINUOUS,
    graceDays: tier.graceDays,
    ...(tier.benefits === null ? {} : { benefits: [tier.benefits] }),
  };
}

/** The business's stored ladder (api and worker decide on the very same input). */
export function toTierLadder(ladder: LadderRows): TierLadder {
  return { tiers: ladder.tiers.map(toTierDefinition), timeZone: ladder.timeZone, version: ladder.version };
}
