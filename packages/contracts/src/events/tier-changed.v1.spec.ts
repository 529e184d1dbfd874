import { parseEvent } from '../parse-event.js';
import { serializeEvent } from '../envelope.js';
import { tierChangeKey } from '../topics.js';
import {
  TIER_CHANGED_V1,
  TierChangeDirection,
  type TierChangeV1,
  tierChangedEventOf,
  tierChangedV1Example,
} from './tier-changed.v1.js';

const CHANGE: TierChangeV1 = {
  id: tierChangedV1Example.id,
  businessId: tierChangedV1Example.data.businessId,
  customerId: tierChangedV1Example.data.customerId,
  customerRef: 'crm-000123',
  previousTier: { id: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Silver', rank: 1 },
  newTier: { id: 'a1b2c3d4-0000-4000-8000-000000000002', name: 'Gold', rank: 2 },
  direction: TierChangeDirection.UP,
  reason: 'SCORE_INCREASED',
  score: 812.5,
  ruleVersion: 3,
  occurredAt: new Date('2024-05-01T10:15:31.000Z'),
};

describe('tierChangedEventOf', () => {
  it('builds the documented event: the change’s id, its time, the producer’s source, the message key as subject', () => {
    const event = tierChangedEventOf(CHANGE, '/inner-circle/worker');

    expect(event).toEqual({ ...tierChangedV1Example, time: '2024-05-01T10:15:31.000Z' });
    expect(event.subject).toBe(tierChangeKey(CHANGE.businessId, CHANGE.customerId));
    // The payload's fields in the order of its class, as consumers have always received them.
    expect(Object.keys(event.data)).toEqual([
      'businessId',
      'customerId',
      'customerRef',
      'previousTier',
      'newTier',
      'direction',
      'reason',
      'score',
      'ruleVersion',
      'occurredAt',
    ]);
    expect(parseEvent(serializeEvent(event), TIER_CHANGED_V1).ok).toBe(true);
  });

  it('names whichever producer caused the change', () => {
    expect(tierChangedEventOf(CHANGE, '/inner-circle/api').source).toBe('/inner-circle/api');
    expect(tierChangedEventOf(CHANGE, '/inner-circle/worker').source).toBe('/inner-circle/worker');
  });

  it('joins and leaves the ladder with null tiers, and carries nothing the caller’s objects add', () => {
    const tier = { id: CHANGE.newTier!.id, name: 'Gold', rank: 2, quotaPeriod: 'WEEK', capacity: 10 };
    const joined = tierChangedEventOf({ ...CHANGE, previousTier: null, newTier: tier }, '/inner-circle/api');
    const left = tierChangedEventOf(
      { ...CHANGE, previousTier: tier, newTier: null, direction: TierChangeDirection.DOWN, reason: 'ERASED' },
      '/inner-circle/api',
    );

    expect(joined.data).toMatchObject({
      previousTier: null,
      newTier: { id: tier.id, name: 'Gold', rank: 2 },
    });
    expect(joined.data.newTier).toEqual({ id: tier.id, name: 'Gold', rank: 2 });
    expect(left.data).toMatchObject({ previousTier: { id: tier.id, name: 'Gold', rank: 2 }, newTier: null });
    expect(left.data.previousTier).toEqual({ id: tier.id, name: 'Gold', rank: 2 });
    expect(parseEvent(serializeEvent(left), TIER_CHANGED_V1).ok).toBe(true);
  });
});
