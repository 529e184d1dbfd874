import { AdmissionMode, freeSeats } from '@inner-circle/domain';
import { type TierEntity, toTierDefinition } from '@inner-circle/persistence';
import type { TierObject } from './dto/tier.object.js';
import { fromDomainPeriod } from './dto/tier-quota-period.enum.js';

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
    admissionMode: definition.admissionMode ?? AdmissionMode.CONTINUOUS,
    graceDays: tier.graceDays,
    benefits: tier.benefits,
    businessId: tier.businessId,
  };
}
