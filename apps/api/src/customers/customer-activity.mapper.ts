import type { InteractionType } from '@inner-circle/domain';
import type { CustomerInteractionRecord } from '@inner-circle/persistence';
import type { CustomerInteractionObject } from './dto/customer-interaction.object.js';

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
