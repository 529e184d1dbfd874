import type { TierChangedV1Event } from '@inner-circle/contracts';
import type { TierChangeEventObject } from './dto/tier-change-event.object.js';

export function toTierChangeEventObject(event: TierChangedV1Event): TierChangeEventObject {
  const { data } = event;
  return {
    eventId: event.id,
    customerId: data.customerId,
    customerExternalRef: data.customerRef,
    previousTier: data.previousTier,
    newTier: data.newTier,
    direction: data.direction,
    reason: data.reason,
    score: data.score,
    ruleVersion: data.ruleVersion,
    occurredAt: new Date(data.occurredAt),
  };
}
