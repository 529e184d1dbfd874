import { buildCloudEvent, type CloudEvent, type EventMetadata } from '../envelope.js';
import { tierChangeKey, Topics } from '../topics.js';
import type { TierRefV1 } from './tier-ref.v1.js';

export const TIER_CHANGED_V1 = 'com.innercircle.tier.changed.v1';
export const TIER_CHANGED_V1_TOPIC = Topics.tierChanges;

export enum TierChangeDirection {
  UP = 'UP',
  DOWN = 'DOWN',
  NONE = 'NONE',
}

/** A reason code: letters, digits and `_ . : -`, no spaces (e.g. `SCORE_INCREASED`, `GRACE_EXPIRED`). */
export const REASON_CODE_PATTERN = /^[A-Za-z0-9_.:-]{1,100}$/;

/** The shape of `components.schemas.TierChangedV1Payload` (asyncapi.yaml holds the rules). */
export class TierChangedV1Payload {
  businessId!: string;

  customerId!: string;

  customerRef!: string;

  /** null when the customer had no tier. The key must be present. */
  previousTier!: TierRefV1 | null;

  /** null when the customer leaves the ladder (or is waitlisted). The key must be present. */
  newTier!: TierRefV1 | null;

  direction!: TierChangeDirection;

  /** Machine-readable reason code chosen by the worker. */
  reason!: string;

  score!: number;

  /** Version of the tier ladder rules that made the decision. */
  ruleVersion!: number;

  occurredAt!: string;
}

export type TierChangedV1Event = CloudEvent<TierChangedV1Payload> & { type: typeof TIER_CHANGED_V1 };

/** Wraps a payload in its envelope; subject = message key. Use a stable id (the outbox row's) so re-publishing dedupes. */
export function buildTierChangedV1Event(
  payload: TierChangedV1Payload,
  meta: EventMetadata,
): TierChangedV1Event {
  return buildCloudEvent(TIER_CHANGED_V1, payload, {
    ...meta,
    subject: meta.subject ?? tierChangeKey(payload.businessId, payload.customerId),
  });
}

/**
 * One tier change as its producer recorded it: the history row (whose id the event carries, so a
 * consumer finds the row and re-publishing dedupes) and the tiers as they are named now.
 */
export interface TierChangeV1 {
  /** The tier_changes row's id; the event's id. */
  id: string;
  businessId: string;
  customerId: string;
  customerRef: string;
  previousTier: TierRefV1 | null;
  newTier: TierRefV1 | null;
  direction: TierChangeDirection;
  reason: string;
  score: number;
  ruleVersion: number;
  occurredAt: Date;
}

/**
 * The tier-changed event of one change, time = occurredAt. `source` names the producer that
 * caused it (the worker's ingest and sweep, the api's locks and erasures): there is no default,
 * so no producer's events can pass for another's.
 */
export function tierChangedEventOf(change: TierChangeV1, source: string): TierChangedV1Event {
  // Field by field, in the order of the payload class: extra fields of the caller never leak.
  return buildTierChangedV1Event(
    {
      businessId: change.businessId,
      customerId: change.customerId,
      customerRef: change.customerRef,
      previousTier: change.previousTier && tierRefOf(change.previousTier),
      newTier: change.newTier && tierRefOf(change.newTier),
      direction: change.direction,
      reason: change.reason,
      score: change.score,
      ruleVersion: change.ruleVersion,
      occurredAt: change.occurredAt.toISOString(),
    },
    { id: change.id, time: change.occurredAt, source },
  );
}

function tierRefOf(tier: TierRefV1): TierRefV1 {
  return { id: tier.id, name: tier.name, rank: tier.rank };
}

export const tierChangedV1Example: TierChangedV1Event = {
  specversion: '1.0',
  id: '7d3c1b8e-5a0f-4e62-b1d4-9c8e2f6a4b21',
  source: '/inner-circle/worker',
  type: TIER_CHANGED_V1,
  time: '2024-05-01T10:15:31.250Z',
  subject: '5f0c6a1e-8a44-4c1b-9a57-3f2a1d9b7c10:2b6f7e90-1c3d-4f5a-8b9c-0d1e2f3a4b5c',
  datacontenttype: 'application/json',
  data: {
    businessId: '5f0c6a1e-8a44-4c1b-9a57-3f2a1d9b7c10',
    customerId: '2b6f7e90-1c3d-4f5a-8b9c-0d1e2f3a4b5c',
    customerRef: 'crm-000123',
    previousTier: { id: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Silver', rank: 1 },
    newTier: { id: 'a1b2c3d4-0000-4000-8000-000000000002', name: 'Gold', rank: 2 },
    direction: TierChangeDirection.UP,
    reason: 'SCORE_INCREASED',
    score: 812.5,
    ruleVersion: 3,
    occurredAt: '2024-05-01T10:15:31.000Z',
  },
};
