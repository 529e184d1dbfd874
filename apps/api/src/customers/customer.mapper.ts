import type { CustomerRecord } from '@inner-circle/persistence';
import type { CustomerObject } from './dto/customer.object.js';

/** The GraphQL customer; derived fields (score, tier, …) are resolved per request from the kept state. */
export function toCustomerObject(row: CustomerRecord): CustomerObject {
  return {
    id: row.id,
    externalRef: row.externalRef,
    name: row.name,
    email: row.email,
    marketingConsent: row.marketingConsent,
    joinedAt: row.joinedAt,
    lastInteractionAt: row.lastInteractionAt,
    tierSince: row.tierSince,
    graceUntil: row.graceUntil,
    erasedAt: row.erasedAt,
    businessId: row.businessId,
    storedScore: row.score,
    scoreState: row.scoreState,
    tierId: row.tierId,
    waitlistedForTierId: row.waitlistedForTierId,
    qualifiedAt: row.qualifiedAt,
    lockTierId: row.lockTierId,
    lockUntil: row.lockUntil,
    lockReason: row.lockReason,
  };
}
