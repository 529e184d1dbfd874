import type { Interaction, InteractionType } from '@inner-circle/domain';
import type { CustomerInteractionRecord } from '../repositories/customer-activity.repository.js';

/** A stored interaction as the domain's score reads it (the api's explanations, the worker's recompute). */
export function toDomainInteraction(record: CustomerInteractionRecord): Interaction {
  return {
    id: record.id,
    type: record.type as InteractionType,
    occurredAt: record.occurredAt,
    ...(record.amount !== null ? { amount: record.amount } : {}),
    ...(record.currency !== null ? { currency: record.currency } : {}),
    ...(record.rating !== null ? { rating: record.rating } : {}),
    ...(record.comment !== null ? { comment: record.comment } : {}),
    ...(record.referredCustomerRef !== null ? { referredCustomerRef: record.referredCustomerRef } : {}),
    ...(record.campaignId !== null ? { campaignId: record.campaignId } : {}),
  };
}
