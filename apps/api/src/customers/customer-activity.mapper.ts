import type { Interaction, InteractionType } from '@inner-circle/domain';
import type { CustomerInteractionRecord } from '@inner-circle/persistence';
import type { CustomerInteractionObject } from './dto/customer-interaction.object.js';

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

export function toCustomerInteractionObject(record: CustomerInteractionRecord): CustomerInteractionObject {
  return {
    id: record.id,
    type: record.type as InteractionType,
    occurredAt: record.occurredAt,
    amount: record.amount,
    currency: record.currency ? record.currency.trim() : null,
    rating: record.rating,
    comment: record.comment,
  };
}
