import { randomUUID } from 'node:crypto';
import type { InteractionRecordedV1Payload } from '@inner-circle/contracts';

/** A purchase a minute ago, with a fresh id (a €100 purchase scores ≈ 4.8). */
export const purchase = (
  businessId: string,
  customerRef: string,
  amount = 100,
): InteractionRecordedV1Payload =>
  ({
    businessId,
    customerRef,
    interaction: {
      id: `order-${randomUUID()}`,
      type: 'PURCHASE',
      occurredAt: new Date(Date.now() - 60_000).toISOString(),
      amount,
      currency: 'EUR',
    },
  }) as InteractionRecordedV1Payload;
