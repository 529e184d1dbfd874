import type { InteractionV1 } from '@inner-circle/contracts';
import { type Interaction, InteractionType } from '@inner-circle/domain';

/** The wire format (contracts) and the model (domain) evolve separately; this is their seam. */
export function toDomainInteraction(wire: InteractionV1): Interaction {
  return {
    id: wire.id,
    type: InteractionType[wire.type],
    occurredAt: new Date(wire.occurredAt),
    ...(wire.amount != null ? { amount: wire.amount } : {}),
    ...(wire.currency != null ? { currency: wire.currency } : {}),
    ...(wire.rating != null ? { rating: wire.rating } : {}),
    ...(wire.comment != null ? { comment: wire.comment } : {}),
    ...(wire.referredCustomerRef != null ? { referredCustomerRef: wire.referredCustomerRef } : {}),
    ...(wire.campaignId != null ? { campaignId: wire.campaignId } : {}),
  };
}
