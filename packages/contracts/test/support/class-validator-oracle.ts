import 'reflect-metadata';
import { plainToInstance, Type } from 'class-transformer';
import {
  Equals,
  IsDefined,
  IsEnum,
  IsInt,
  IsISO4217CurrencyCode,
  IsNotEmpty,
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
  validateSync,
  type ValidationError,
  type ValidatorOptions,
} from 'class-validator';
import {
  INTERACTION_RECORDED_V1,
  InteractionType,
  REASON_CODE_PATTERN,
  TIER_CHANGED_V1,
  TIER_DOWNGRADE_WARNING_V1,
  TierChangeDirection,
} from '../../src/index.js';
import { IsStorableAmount, IsStorableText } from '../../src/validation/storable.js';
import { IsTimestamp } from '../../src/validation/timestamp.js';

/*
 * The class-validator path that parseEvent used before the compiled JSON Schema validators
 * (the decorated classes and the parse steps as commit 4d48a4e had them, constants inlined,
 * the result reduced to its verdict). Kept only as an oracle: test/event-validator-equivalence.spec.ts checks that the
 * schemas give the same verdict on generated events, and bench/parse-event.bench.mjs measures
 * both. Nothing in src imports it.
 */

const present = (value: unknown): boolean => value !== undefined && value !== null;

/**
 * A CloudEvents 1.0 event in structured JSON mode: the whole envelope, data included,
 * is the Kafka message value.
 *
 * Required here (stricter than the spec, which makes `time` optional): specversion, id,
 * source, type, time, data. `datacontenttype` may be omitted; when present it must be
 * `application/json`. Extension attributes (any other top-level field) are tolerated as
 * the spec requires and kept on the parsed object.
 */
class CloudEvent<T = unknown> {
  @Equals('1.0')
  specversion!: '1.0';

  /** Unique per `source`; consumers deduplicate on it. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  @IsStorableText()
  id!: string;

  /** URI-reference of the producer, e.g. `/inner-circle/api` or `/partners/<name>`. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(500)
  @IsStorableText()
  source!: string;

  /** Reverse-DNS type with version suffix, e.g. `com.innercircle.interaction.recorded.v1`. */
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  type!: string;

  /** RFC 3339 timestamp of the occurrence as seen by the producer. */
  @IsTimestamp()
  time!: string;

  /** Here: the message key (`businessId:customerRef` or `businessId:customerId`). */
  @IsOptional()
  @IsString()
  @MaxLength(500)
  @IsStorableText()
  subject?: string;

  @IsOptional()
  @Equals('application/json')
  datacontenttype?: 'application/json';

  @IsDefined()
  @IsObject()
  data!: T;
}

/** A tier as it is named in events: enough to display it without a lookup. */
class TierRefV1 {
  @IsUUID()
  id!: string;

  @IsString()
  @Length(1, 200)
  name!: string;

  /** Position on the ladder; higher is better. */
  @IsInt()
  @Min(0)
  rank!: number;
}

class InteractionV1 {
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

class InteractionRecordedV1Payload {
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

class TierChangedV1Payload {
  @IsUUID()
  businessId!: string;

  @IsUUID()
  customerId!: string;

  @IsString()
  @Length(1, 200)
  customerRef!: string;

  /** null when the customer had no tier. The key must be present. */
  @ValidateIf((o: TierChangedV1Payload) => o.previousTier !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => TierRefV1)
  previousTier!: TierRefV1 | null;

  /** null when the customer leaves the ladder (or is waitlisted). The key must be present. */
  @ValidateIf((o: TierChangedV1Payload) => o.newTier !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => TierRefV1)
  newTier!: TierRefV1 | null;

  @IsEnum(TierChangeDirection)
  direction!: TierChangeDirection;

  /** Machine-readable reason code chosen by the worker. */
  @IsString()
  @Matches(REASON_CODE_PATTERN)
  reason!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  score!: number;

  /** Version of the tier ladder rules that made the decision. */
  @IsInt()
  @Min(0)
  ruleVersion!: number;

  @IsTimestamp()
  occurredAt!: string;
}

/** "Customer X will be downgraded from `currentTier` to `targetTier` on `downgradeAt` unless their score recovers." */
class TierDowngradeWarningV1Payload {
  @IsUUID()
  businessId!: string;

  @IsUUID()
  customerId!: string;

  @IsString()
  @Length(1, 200)
  customerRef!: string;

  @IsDefined()
  @IsObject()
  @ValidateNested()
  @Type(() => TierRefV1)
  currentTier!: TierRefV1;

  /** null when the customer would leave the ladder. The key must be present. */
  @ValidateIf((o: TierDowngradeWarningV1Payload) => o.targetTier !== null)
  @IsObject()
  @ValidateNested()
  @Type(() => TierRefV1)
  targetTier!: TierRefV1 | null;

  /** When the grace period ends and the downgrade applies (date D). */
  @IsTimestamp()
  downgradeAt!: string;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  score!: number;

  @IsInt()
  @Min(0)
  ruleVersion!: number;

  /** When the warning was decided. */
  @IsTimestamp()
  occurredAt!: string;
}

const PAYLOAD_CLASSES: Record<string, new () => object> = {
  [INTERACTION_RECORDED_V1]: InteractionRecordedV1Payload,
  [TIER_CHANGED_V1]: TierChangedV1Payload,
  [TIER_DOWNGRADE_WARNING_V1]: TierDowngradeWarningV1Payload,
};

export interface OracleVerdict {
  ok: boolean;
  kind?: 'MALFORMED_JSON' | 'INVALID_ENVELOPE' | 'UNKNOWN_TYPE' | 'INVALID_PAYLOAD';
  /** Dotted paths of the failing fields, as the old parseEvent reported them. */
  paths: string[];
  /** The parsed event when ok (data as class instances). */
  event?: unknown;
}

const PAYLOAD_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
};
const ENVELOPE_OPTIONS: ValidatorOptions = { whitelist: false, forbidUnknownValues: true };

/** The old parseEvent, reduced to its verdict. */
export function parseEventWithClassValidator(raw: string): OracleVerdict {
  let plain: unknown;
  try {
    plain = JSON.parse(raw);
  } catch {
    return { ok: false, kind: 'MALFORMED_JSON', paths: [] };
  }
  if (!isPlainObject(plain)) return { ok: false, kind: 'INVALID_ENVELOPE', paths: [] };
  const envelope = Object.assign(new CloudEvent(), plain);
  const envelopeIssues = flatten(validateSync(envelope, ENVELOPE_OPTIONS));
  if (envelopeIssues.length > 0) return { ok: false, kind: 'INVALID_ENVELOPE', paths: envelopeIssues };
  const payloadClass = PAYLOAD_CLASSES[envelope.type];
  if (payloadClass === undefined || !Object.prototype.hasOwnProperty.call(PAYLOAD_CLASSES, envelope.type)) {
    return { ok: false, kind: 'UNKNOWN_TYPE', paths: [] };
  }
  const payload = validatePayloadWithClassValidator(envelope.type, plain.data);
  if (!payload.ok) return payload;
  return { ok: true, paths: [], event: { ...envelope, data: payload.event } };
}

/** The old validatePayload, by event type. */
export function validatePayloadWithClassValidator(type: string, plain: unknown): OracleVerdict {
  if (!isPlainObject(plain)) return { ok: false, kind: 'INVALID_PAYLOAD', paths: [] };
  const instance = plainToInstance(PAYLOAD_CLASSES[type], plain);
  const paths = flatten(validateSync(instance, PAYLOAD_OPTIONS));
  return paths.length > 0
    ? { ok: false, kind: 'INVALID_PAYLOAD', paths }
    : { ok: true, paths, event: instance };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function flatten(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    return [...(error.constraints ? [path] : []), ...flatten(error.children ?? [], path)];
  });
}
