import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync, type ValidationError, type ValidatorOptions } from 'class-validator';
import { CloudEvent } from './envelope.js';
import {
  EVENT_TYPES,
  type EventOfType,
  type EventType,
  isEventType,
  type KnownEvent,
} from './event-registry.js';

export type ParseErrorKind = 'MALFORMED_JSON' | 'INVALID_ENVELOPE' | 'UNKNOWN_TYPE' | 'INVALID_PAYLOAD';

export interface ValidationIssue {
  /** Dotted path from the validated object, e.g. `interaction.amount` (envelope: `time`). */
  path: string;
  /** Failed constraint name → message, as class-validator reports them. */
  constraints: Record<string, string>;
}

export interface ParseError {
  kind: ParseErrorKind;
  message: string;
  details: ValidationIssue[];
}

export type ParseResult<E> = { ok: true; event: E } | { ok: false; error: ParseError };
export type ValidationResult<T> = { ok: true; value: T } | { ok: false; error: ParseError };

// Payloads are strict: an unknown field is an error, so a producer's typo
// (`ammount`) fails loudly instead of being dropped. Envelopes are tolerant:
// CloudEvents allows extension attributes at the top level.
const PAYLOAD_OPTIONS: ValidatorOptions = {
  whitelist: true,
  forbidNonWhitelisted: true,
  forbidUnknownValues: true,
};
const ENVELOPE_OPTIONS: ValidatorOptions = { whitelist: false, forbidUnknownValues: true };

/**
 * Parses and validates one message value: JSON → CloudEvents envelope → known type →
 * payload. Never throws. `expectedType` rejects any other (even known) type as
 * `UNKNOWN_TYPE`. The returned event's `data` is an instance of the payload class.
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
    // class-transformer/validator should not throw on JSON input; keep the promise anyway.
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

  // The envelope's attributes are flat and undecorated for class-transformer: a shallow copy
  // onto the class is what plainToInstance would build, without deep-copying `data`, which
  // validatePayload transforms on its own.
  const envelope = Object.assign(new CloudEvent(), plain);
  const envelopeIssues = flatten(validateSync(envelope, ENVELOPE_OPTIONS));
  if (envelopeIssues.length > 0) {
    return failure(
      'INVALID_ENVELOPE',
      `invalid CloudEvents envelope: ${summarize(envelopeIssues)}`,
      envelopeIssues,
    );
  }

  const type = envelope.type;
  if (!isEventType(type)) return failure('UNKNOWN_TYPE', `unknown event type "${type}"`);
  if (expectedType !== undefined && type !== expectedType) {
    return failure('UNKNOWN_TYPE', `expected event type "${expectedType}", got "${type}"`);
  }

  const payloadClass: new () => object = EVENT_TYPES[type].payload;
  const payload = validatePayload(payloadClass, plain.data);
  if (!payload.ok) return payload;
  return { ok: true, event: { ...envelope, type, data: payload.value } as KnownEvent };
}

/**
 * Validates a payload exactly as `parseEvent` does (the API calls this before
 * publishing, the worker gets it through `parseEvent`). Returns an instance of `cls`.
 */
export function validatePayload<T extends object>(cls: new () => T, plain: unknown): ValidationResult<T> {
  if (!isPlainObject(plain)) return failure('INVALID_PAYLOAD', 'the event data is not a JSON object');
  const instance = plainToInstance(cls, plain);
  const issues = flatten(validateSync(instance, PAYLOAD_OPTIONS));
  if (issues.length > 0)
    return failure('INVALID_PAYLOAD', `invalid ${cls.name}: ${summarize(issues)}`, issues);
  return { ok: true, value: instance };
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

function flatten(errors: ValidationError[], parent = ''): ValidationIssue[] {
  return errors.flatMap((error) => {
    const path = parent ? `${parent}.${error.property}` : error.property;
    const own = error.constraints ? [{ path, constraints: { ...error.constraints } }] : [];
    return [...own, ...flatten(error.children ?? [], path)];
  });
}

function summarize(issues: ValidationIssue[]): string {
  return issues.map((issue) => Object.values(issue.constraints).join(', ')).join('; ');
}
