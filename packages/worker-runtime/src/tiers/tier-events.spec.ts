import { parseEvent, TIER_CHANGED_V1, TIER_DOWNGRADE_WARNING_V1, Topics } from '@inner-circle/contracts';
import { Period, TierMoveDirection } from '@inner-circle/domain';
import type { KnownTier, TierMove } from '@inner-circle/persistence';
import {
  downgradeWarningMessageOf,
  isRecorded,
  type RecordedTierMove,
  tierChangedMessageOf,
} from './tier-events';

const BUSINESS = '5f0c6a1e-8a44-4c1b-9a57-3f2a1d9b7c10';
const CUSTOMER = '2b6f7e90-1c3d-4f5a-8b9c-0d1e2f3a4b5c';
const HISTORY_ROW = '7d3c1b8e-5a0f-4e62-b1d4-9c8e2f6a4b21';
const AT = new Date('2026-11-27T12:00:00.000Z');
const SILVER: KnownTier = {
  id: 'a1b2c3d4-0000-4000-8000-000000000001',
  name: 'Silver',
  rank: 1,
  quotaPeriod: null,
};
const GOLD: KnownTier = {
  id: 'a1b2c3d4-0000-4000-8000-000000000002',
  name: 'Gold',
  rank: 2,
  quotaPeriod: Period.WEEK,
};

const move: TierMove = {
  businessId: BUSINESS,
  customerId: CUSTOMER,
  fromTierId: SILVER.id,
  toTierId: GOLD.id,
  direction: TierMoveDirection.UP,
  reason: 'LOCKED',
  score: 812.5,
  ladderVersion: 3,
  countsAsAdmission: false,
  ignoreCapacity: true,
  at: AT,
};
const recorded: RecordedTierMove = {
  changed: true,
  tierChangeId: HISTORY_ROW,
  direction: TierMoveDirection.UP,
  from: SILVER,
  to: GOLD,
};

describe('tierChangedMessageOf', () => {
  it('builds the event of a recorded move: the history row’s id, the producer’s source, the move’s facts', () => {
    const message = tierChangedMessageOf(move, recorded, 'crm-000123', '/inner-circle/api');

    expect(message).toEqual({
      eventId: HISTORY_ROW,
      topic: Topics.tierChanges,
      key: `${BUSINESS}:${CUSTOMER}`,
      payload: {
        specversion: '1.0',
        id: HISTORY_ROW,
        source: '/inner-circle/api',
        type: TIER_CHANGED_V1,
        time: AT.toISOString(),
        subject: `${BUSINESS}:${CUSTOMER}`,
        datacontenttype: 'application/json',
        data: {
          businessId: BUSINESS,
          customerId: CUSTOMER,
          customerRef: 'crm-000123',
          // Tiers as events name them: no quota period or any other column.
          previousTier: { id: SILVER.id, name: 'Silver', rank: 1 },
          newTier: { id: GOLD.id, name: 'Gold', rank: 2 },
          direction: 'UP',
          reason: 'LOCKED',
          score: 812.5,
          ruleVersion: 3,
          occurredAt: AT.toISOString(),
        },
      },
    });
    expect(parseEvent(JSON.stringify(message.payload), TIER_CHANGED_V1).ok).toBe(true);
  });

  it('takes the direction the domain decided and names no tier when the customer joins or leaves the ladder', () => {
    const left = tierChangedMessageOf(
      { ...move, toTierId: null, direction: TierMoveDirection.DOWN, reason: 'ERASED' },
      { ...recorded, direction: TierMoveDirection.DOWN, to: null },
      'crm-000123',
      '/inner-circle/worker',
    );

    expect(left.payload).toMatchObject({
      source: '/inner-circle/worker',
      data: { previousTier: { id: SILVER.id }, newTier: null, direction: 'DOWN', reason: 'ERASED' },
    });
    expect(parseEvent(JSON.stringify(left.payload), TIER_CHANGED_V1).ok).toBe(true);
  });

  it('only a changed move with a history row has an event', () => {
    expect(isRecorded(recorded)).toBe(true);
    expect(isRecorded({ ...recorded, changed: false, tierChangeId: null })).toBe(false);
  });
});

describe('downgradeWarningMessageOf', () => {
  it('warns with the producer’s source, naming the tier held and the one to come', () => {
    const message = downgradeWarningMessageOf(
      {
        customerId: CUSTOMER,
        tierId: GOLD.id,
        toTierId: SILVER.id,
        on: new Date('2026-12-04T12:00:00Z'),
        score: 40,
      },
      {
        businessId: BUSINESS,
        customerRef: 'crm-000123',
        ruleVersion: 3,
        now: AT,
        source: '/inner-circle/worker',
        tiers: new Map([
          [SILVER.id, SILVER],
          [GOLD.id, GOLD],
        ]),
      },
      HISTORY_ROW,
    );

    expect(message).toMatchObject({
      eventId: HISTORY_ROW,
      topic: Topics.tierChanges,
      key: `${BUSINESS}:${CUSTOMER}`,
    });
    expect(message.payload).toMatchObject({
      id: HISTORY_ROW,
      source: '/inner-circle/worker',
      data: {
        currentTier: { id: GOLD.id, name: 'Gold', rank: 2 },
        targetTier: { id: SILVER.id, name: 'Silver', rank: 1 },
        downgradeAt: '2026-12-04T12:00:00.000Z',
      },
    });
    expect(parseEvent(JSON.stringify(message.payload), TIER_DOWNGRADE_WARNING_V1).ok).toBe(true);
  });
});
