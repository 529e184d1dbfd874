import { buildCloudEvent, type CloudEvent, type EventMetadata } from '../envelope.js';
import { tierChangeKey, Topics } from '../topics.js';
import type { TierRefV1 } from './tier-ref.v1.js';

export const TIER_DOWNGRADE_WARNING_V1 = 'com.innercircle.tier.downgrade-warning.v1';
/** Shares the tier-changes topic and key so a customer's warnings and changes stay in order. */
export const TIER_DOWNGRADE_WARNING_V1_TOPIC = Topics.tierChanges;

/**
 * The shape of `components.schemas.TierDowngradeWarningV1Payload` (asyncapi.yaml holds the rules).
 * "Customer X will be downgraded from `currentTier` to `targetTier` on `downgradeAt` unless their score recovers."
 */
export class TierDowngradeWarningV1Payload {
  businessId!: string;

  customerId!: string;

  customerRef!: string;

  currentTier!: TierRefV1;

  /** null when the customer would leave the ladder. The key must be present. */
  targetTier!: TierRefV1 | null;

  /** When the grace period ends and the downgrade applies (date D). */
  downgradeAt!: string;

  score!: number;

  ruleVersion!: number;

  /** When the warning was decided. */
  occurredAt!: string;
}

export type TierDowngradeWarningV1Event = CloudEvent<TierDowngradeWarningV1Payload> & {
  type: typeof TIER_DOWNGRADE_WARNING_V1;
};

export function buildTierDowngradeWarningV1Event(
  payload: TierDowngradeWarningV1Payload,
  meta: EventMetadata,
): TierDowngradeWarningV1Event {
  return buildCloudEvent(TIER_DOWNGRADE_WARNING_V1, payload, {
    ...meta,
    subject: meta.subject ?? tierChangeKey(payload.businessId, payload.customerId),
  });
}

export const tierDowngradeWarningV1Example: TierDowngradeWarningV1Event = {
  specversion: '1.0',
  id: 'c4e8a2f1-9b3d-4c5e-8f7a-1b2c3d4e5f60',
  source: '/inner-circle/worker',
  type: TIER_DOWNGRADE_WARNING_V1,
  time: '2024-06-01T02:00:00.000Z',
  subject: '5f0c6a1e-8a44-4c1b-9a57-3f2a1d9b7c10:2b6f7e90-1c3d-4f5a-8b9c-0d1e2f3a4b5c',
  datacontenttype: 'application/json',
  data: {
    businessId: '5f0c6a1e-8a44-4c1b-9a57-3f2a1d9b7c10',
    customerId: '2b6f7e90-1c3d-4f5a-8b9c-0d1e2f3a4b5c',
    customerRef: 'crm-000123',
    currentTier: { id: 'a1b2c3d4-0000-4000-8000-000000000002', name: 'Gold', rank: 2 },
    targetTier: { id: 'a1b2c3d4-0000-4000-8000-000000000001', name: 'Silver', rank: 1 },
    downgradeAt: '2024-06-15T00:00:00.000Z',
    score: 402,
    ruleVersion: 3,
    occurredAt: '2024-06-01T02:00:00.000Z',
  },
};
