import {
  EVENT_TYPES,
  type EventOfType,
  type EventType,
  isEventType,
  type KnownEvent,
} from './event-registry.js';
import {
  compiledSchema,
  envelopeSchema,
  type EventSchema,
  payloadSchemaName,
  type ValidationIssue,
} from './validation/event-schemas.js';

export type { ValidationIssue } from './validation/event-schemas.js';

export type ParseErrorKind = 'MALFORMED_JSON' | 'INVALID_ENVELOPE' | 'UNKNOWN_TYPE' | 'INVALID_PAYLOAD';

export interface ParseError {
  kind: ParseErrorKind;
  message: string;
  details: ValidationIssue[];
}

export type ParseResult<E> = { ok: true; event: E } | { ok: false; error: ParseError };
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; error: ParseError };

// The rules live in the JSON Schemas of asyncapi.yaml, compiled ahead of time into
// src/generated/event-validators.js. Payloads are strict (`additionalProperties: false`): an
// unknown field is an error, so a producer's typo (`ammount`) fails loudly instead of being
// dropped. Envelopes are tolerant: CloudEvents allows extension attributes at the top level.
const PAYLOAD_SCHEMAS = new Map<EventType, EventSchema>(
  (Object.keys(EVENT_TYPES) as EventType[]).map((type) => [
    type,
    compiledSchema(payloadSchemaName(type) ?? type),
  ]),
);
const SCHEMA_BY_PAYLOAD_CLASS = new Map<new () => object, EventSchema>(
  (Object.keys(EVENT_TYPES) as EventType[]).map((type) => [
    EVENT_TYPES[type].payload,
    PAYLOAD_SCHEMAS.get(type)!,
  ]),
);

/**
 * Parses and validates one message value: JSON → CloudEvents envelope → known type →
 * payload. Never throws. `expectedType` rejects any other (even known) type as
 * `UNKNOWN_TYPE`. The returned event is the parsed JSON itself (no copy, no class instances):
 * extension attributes are kept, and `data` has exactly the payload's fields.
 */
export function parseEvent(raw: Buffer | Uint8Array | string | null | undefined): ParseResult<KnownEvent>;
export function parseEvent<K extends EventType>(
  raw: Buffer | Uint8Array | string | null | undefined,
  expectedType: K,
): ParseResult<EventOfType<K>>;
export function parseEvent(
  raw: Buffer | Uint8Array | string | null | undefined,
  expectedType?: EventType,
): ParseResult<KnownEvent> {
  try {
    return parseUnsafe(raw, expectedType);
  } catch (error) {
    // The compiled validators do not throw on JSON input; keep the promise anyway.
    return failure(
      'INVALID_ENVELOPE',
      `could not validate the event: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

function parseUnsafe(
  raw: Buffer | Uint8Array | string | null | undefined,
  expectedType?: EventType,
): ParseResult<KnownEvent> {
  if (raw === null || raw === undefined) return failure('MALFORMED_JSON', 'the message has no value');
  const text =
    typeof raw === 'string' ? raw : Buffer.from(raw.buffer, raw.byteOffset, raw.byteLength).toString('utf8');
  let plain: unknown;
  try {
    plain = JSON.parse(text);
  } catch (error) {
    return failure(
      'MALFORMED_JSON',
      `the message is not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!isPlainObject(plain)) return failure('INVALID_ENVELOPE', 'the message is not a JSON object');

  const envelopeIssues = envelopeSchema.check(plain);
  if (envelopeIssues !== undefined) {
    return failure(
      'INVALID_ENVELOPE',
      `invalid CloudEvents envelope: ${summarize(envelopeIssues)}`,
      envelopeIssues,
    );
  }

  const type = plain.type as string;
  if (!isEventType(type)) return failure('UNKNOWN_TYPE', `unknown event type "${type}"`);
  if (expectedType !== undefined && type !== expectedType) {
    return failure('UNKNOWN_TYPE', `expected event type "${expectedType}", got "${type}"`);
  }

  const payload = checkPayload(PAYLOAD_SCHEMAS.get(type)!, plain.data);
  if (!payload.ok) return payload;
  return { ok: true, event: plain as unknown as KnownEvent };
}

/**
 * Validates a payload exactly as `parseEvent` does (the API calls this before
 * publishing, the worker gets it through `parseEvent`). `cls` names the event type's payload
 * (a class of `EVENT_TYPES`); the value returned is `plain` itself, typed.
 */
export function validatePayload<T extends object>(cls: new () => T, plain: unknown): ValidationResult<T> {
  const schema = SCHEMA_BY_PAYLOAD_CLASS.get(cls);
  if (schema === undefined) throw new TypeError(`${cls.name} is not the payload class of a known event type`);
  return checkPayload<T>(schema, plain);
}

function checkPayload<T>(schema: EventSchema, plain: unknown): ValidationResult<T> {
  if (!isPlainObject(plain)) return failure('INVALID_PAYLOAD', 'the event data is not a JSON object');
  const issues = schema.check(plain);
  if (issues !== undefined) {
    return failure('INVALID_PAYLOAD', `invalid ${schema.name}: ${summarize(issues)}`, issues);
  }
  return { ok: true, value: plain as T };
}

function failure(
  kind: ParseErrorKind,
  message: string,
  details: ValidationIssue[] = [],
): { ok: false; error: ParseError } {
  return { ok: false, error: { kind, message, details } };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function summarize(issues: ValidationIssue[]): string {
  return issues.map((issue) => Object.values(issue.constraints).join(', ')).join('; ');
}
