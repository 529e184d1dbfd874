import type { CustomerRecord } from '@inner-circle/persistence';
import { toCustomerObject } from '../customer.mapper';

describe('toCustomerObject', () => {
  it('exposes the columns and keeps the state derived fields need', () => {
    const record: CustomerRecord = {
      id: 'c1',
      businessId: 'b1',
      externalRef: 'crm-1',
      name: 'Ana',
      email: 'ana@example.com',
      marketingConsent: true,
      score: 12.5,
      scoreAsOf: new Date('2026-01-01T00:00:00Z'),
      scoreState: { version: 1 },
      scoreKey: 1,
      tierId: 't1',
      tierSince: new Date('2026-01-02T00:00:00Z'),
      graceUntil: null,
      waitlistedForTierId: 't2',
      qualifiedAt: null,
      lockTierId: null,
      lockUntil: null,
      lockReason: null,
      joinedAt: new Date('2025-12-01T00:00:00Z'),
      lastInteractionAt: null,
      erasedAt: null,
    };
    expect(toCustomerObject(record)).toMatchObject({
      id: 'c1',
      externalRef: 'crm-1',
      email: 'ana@example.com',
      storedScore: 12.5,
      tierId: 't1',
      waitlistedForTierId: 't2',
      businessId: 'b1',
    });
  });
});
