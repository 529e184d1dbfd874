import type { TierEntity } from '@inner-circle/persistence';
import type { TierObject } from './dto/tier.object.js';

export function toTierObject(tier: TierEntity): TierObject {
  return {
    id: tier.id,
    name: tier.name,
    rank: tier.rank,
    entryScore: tier.entryScore,
    retainScore: tier.retainScore,
    capacity: tier.capacity,
    memberCount: tier.memberCount,
    graceDays: tier.graceDays,
    benefits: tier.benefits,
  };
}
