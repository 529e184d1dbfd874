import { Type } from 'class-transformer';
import {
  IsDefined,
  IsEnum,
  IsInt,
  IsISO4217CurrencyCode,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  IsUUID,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { buildCloudEvent, type CloudEvent, type EventMetadata } from '../envelope.js';
import { interactionKey, Topics } from '../topics.js';
import { IsStorableAmount, IsStorableText } from '../validation/storable.js';
import { IsTimestamp } from '../validation/timestamp.js';

export const INTERACTION_RECORDED_V1 = 'com.innercircle.interaction.recorded.v1';
export const INTERACTION_RECORDED_V1_TOPIC = Topics.interactions;

export enum InteractionType {
  PURCHASE = 'PURCHASE',
  VISIT = 'VISIT',
  FEEDBACK = 'FEEDBACK',
  REFERRAL = 'REFERRAL',
  CAMPAIGN_REDEMPTION = 'CAMPAIGN_REDEMPTION',
}

// Optional fields treat null like absent (as @IsOptional does); a field that the
// interaction type requires must be present and valid.
const present = (value: unknown): boolean => value !== undefined && value !== null;

export class InteractionV1 {
  /** Client-supplied id, unique per business; the worker counts an interaction once per id. */
  @IsString()
  @Length(1, 200)
  @IsStorableText()
  id!: string;

  @IsEnum(InteractionType)
  type!: InteractionType;

  @IsTimestamp()
  occurredAt!: string;

  /** Required for PURCHASE, and whenever `currency` is given. */
  @ValidateIf(
    (o: InteractionV1) => o.type === InteractionType.PURCHASE || present(o.amount) || present(o.currency),
  )
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @IsStorableAmount()
  amount?: number;

  /** ISO 4217 code (`EUR`); required with `amount`. */
  @ValidateIf((o: InteractionV1) => present(o.amount) || present(o.currency))
  @Matches(/^[A-Z]{3}$/, { message: '$property must be an upper-case ISO 4217 code' })
  @IsISO4217CurrencyCode()
  currency?: string;

  /** 1..5, required for FEEDBACK. */
  @ValidateIf((o: InteractionV1) => o.type === InteractionType.FEEDBACK || present(o.rating))
  @IsInt()
  @Min(1)
  @Max(5)
  rating?: number;

  @IsOptional()
  @IsString()
  @MaxLength(2000)
  @IsStorableText()
  comment?: string;

  /** The referred customer's externalRef; required for REFERRAL. */
  @ValidateIf((o: InteractionV1) => o.type === InteractionType.REFERRAL || present(o.referredCustomerRef))
  @IsString()
  @Length(1, 200)
  @IsStorableText()
  referredCustomerRef?: string;

  /** Required for CAMPAIGN_REDEMPTION. */
  @ValidateIf((o: InteractionV1) => o.type === InteractionType.CAMPAIGN_REDEMPTION || present(o.campaignId))
  @IsUUID()
  campaignId?: string;
}

export class InteractionRecordedV1Payload {
  @IsUUID()
  businessId!: string;

  /** The business's externalRef for the customer (not our internal id). */
  @IsString()
  @Length(1, 200)
  @IsStorableText()
  customerRef!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => InteractionV1)
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
