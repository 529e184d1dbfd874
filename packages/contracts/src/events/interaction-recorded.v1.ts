import { buildCloudEvent, type CloudEvent, type EventMetadata } from '../envelope.js';
import { interactionKey, Topics } from '../topics.js';

export const INTERACTION_RECORDED_V1 = 'com.innercircle.interaction.recorded.v1';
export const INTERACTION_RECORDED_V1_TOPIC = Topics.interactions;

export enum InteractionType {
  PURCHASE = 'PURCHASE',
  VISIT = 'VISIT',
  FEEDBACK = 'FEEDBACK',
  REFERRAL = 'REFERRAL',
  CAMPAIGN_REDEMPTION = 'CAMPAIGN_REDEMPTION',
}

/**
 * The TypeScript shape of `components.schemas.InteractionV1` in asyncapi.yaml, where the rules
 * are (and compiled from). Optional fields may be null on the wire, read as absent; a field
 * that the interaction type requires must be present and valid.
 */
export class InteractionV1 {
  /** Client-supplied id, unique per business; the worker counts an interaction once per id. */
  id!: string;

  type!: InteractionType;

  occurredAt!: string;

  /** Required for PURCHASE, and whenever `currency` is given. */
  amount?: number;

  /** ISO 4217 code (`EUR`); required with `amount`. */
  currency?: string;

  /** 1..5, required for FEEDBACK. */
  rating?: number;

  comment?: string;

  /** The referred customer's externalRef; required for REFERRAL. */
  referredCustomerRef?: string;

  /** Required for CAMPAIGN_REDEMPTION. */
  campaignId?: string;
}

/** The shape of `components.schemas.InteractionRecordedV1Payload` (asyncapi.yaml holds the rules). */
export class InteractionRecordedV1Payload {
  businessId!: string;

  /** The business's externalRef for the customer (not our internal id). */
  customerRef!: string;

  interaction!: InteractionV1;
}

export type InteractionRecordedV1Event = CloudEvent<InteractionRecordedV1Payload> & {
  type: typeof INTERACTION_RECORDED_V1;
};

/** Wraps a payload (validate it first with `validatePayload`) in its envelope; subject = message key. */
export function buildInteractionRecordedV1Event(
  payload: InteractionRecordedV1Payload,
  meta: EventMetadata,
): InteractionRecordedV1Event {
  return buildCloudEvent(INTERACTION_RECORDED_V1, payload, {
    ...meta,
    subject: meta.subject ?? interactionKey(payload.businessId, payload.customerRef),
  });
}

export const interactionRecordedV1Example: InteractionRecordedV1Event = {
  specversion: '1.0',
  id: '0b9e4f0e-2f7a-4a53-9d4c-6f1f7b0c2a11',
  source: '/inner-circle/api',
  type: INTERACTION_RECORDED_V1,
  time: '2024-05-01T10:15:30.000Z',
  subject: '5f0c6a1e-8a44-4c1b-9a57-3f2a1d9b7c10:crm-000123',
  datacontenttype: 'application/json',
  data: {
    businessId: '5f0c6a1e-8a44-4c1b-9a57-3f2a1d9b7c10',
    customerRef: 'crm-000123',
    interaction: {
      id: 'pos-2024-05-01-0042',
      type: InteractionType.PURCHASE,
      occurredAt: '2024-05-01T10:14:02.000Z',
      amount: 42.5,
      currency: 'EUR',
    },
  },
};
