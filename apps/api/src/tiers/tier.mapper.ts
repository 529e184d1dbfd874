import { freeSeats, type TierDefinition, type TierLadder } from '@inner-circle/domain';
import type { LadderRows, TierEntity } from '@inner-circle/persistence';
import type { TierObject } from './dto/tier.object.js';
import { fromDomainPeriod, TierQuotaPeriod, toDomainPeriod } from './dto/tier-quota-period.enum.js';

export function toTierObject(tier: TierEntity): TierObject {
  const definition = toTierDefinition(tier);
  const capped = tier.capacity !== null;
  return {
    id: tier.id,
    name: tier.name,
    rank: tier.rank,
    entryScore: tier.entryScore,
    retainScore: tier.retainScore,
    capacity: tier.capacity,
    memberCount: tier.memberCount,
    members: tier.memberCount,
    capacityUsed: capped ? tier.memberCount : null,
    capacityRemaining: capped
      ? freeSeats(definition, { members: tier.memberCount, admissionsInPeriod: 0 })
      : null,
    admissionQuota: definition.admissionQuota
      ? { limit: definition.admissionQuota.limit, period: fromDomainPeriod(definition.admissionQuota.period) }
      : null,
    graceDays: tier.graceDays,
    benefits: tier.benefits,
    businessId: tier.businessId,
  };
}

/** The tier as the domain rules see it. A quota needs both its limit and its period. */
export function toTierDefinition(tier: TierEntity): TierDefinition {
  const quota =
    tier.quotaLimit !== null && tier.quotaPeriod !== null
      ? { limit: tier.quotaLimit, period: toDomainPeriod(tier.quotaPeriod as TierQuotaPeriod) }
      : null;
  return {
    id: tier.id,
    name: tier.name,
    rank: tier.rank,
    entryScore: tier.entryScore,
    retainScore: tier.retainScore,
    capacity: tier.capacity,
    admissionQuota: quota,
    graceDays: tier.graceDays,
    ...(tier.benefits === null ? {} : { benefits: [tier.benefits] }),
  };
}

export function toTierLadder(ladder: LadderRows): TierLadder {
  return { tiers: ladder.tiers.map(toTierDefinition), timeZone: ladder.timeZone, version: ladder.version };
}
