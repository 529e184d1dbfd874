import * as compiled from '../generated/event-validators.js';
import type { CompiledValidator, SchemaError } from '../generated/event-validators.js';
import { STORABLE_TEXT_PATTERN } from './storable-limits.js';

/**
 * The validators compiled from the JSON Schemas of `asyncapi.yaml` (components.schemas), the
 * single source of truth for what an event may contain, and the one place that turns their
 * errors into `ValidationIssue`s. Every rule is in the schemas (JSON Schema can say all of
 * today's: lengths, NUL-free text, numeric(14,2) bounds, RFC 3339 with a real calendar date,
 * ISO 4217, "required when"); the one relative rule, "not more than a day ahead", depends on
 * the clock and stays with the worker's handler and the api's `checkInteraction`.
 */

export interface ValidationIssue {
  /** Dotted path from the validated object, e.g. `interaction.amount` (envelope: `time`). */
  path: string;
  /** Failed rule → message naming the field and what is wrong. */
  constraints: Record<string, string>;
}

/** A schema the contract compiled, by its name in `components.schemas`. */
export interface EventSchema {
  name: string;
  /** `undefined` when valid (the hot path allocates nothing), else every failing field. */
  check(value: unknown): ValidationIssue[] | undefined;
}

const validators = compiled as unknown as Readonly<Record<string, CompiledValidator | undefined>>;

/** The schema compiled under `name` (throws if the generated module lacks it: a stale generation). */
export function compiledSchema(name: string): EventSchema {
  const validate = validators[name];
  if (typeof validate !== 'function') {
    throw new Error(
      `no compiled validator for schema ${name}: run npm run generate -w @inner-circle/contracts`,
    );
  }
  return {
    name,
    check: (value) => (validate(value) ? undefined : toIssues(validate.errors ?? [])),
  };
}

/** Event type → the payload schema that its AsyncAPI message names. */
export function payloadSchemaName(type: string): string | undefined {
  return Object.prototype.hasOwnProperty.call(compiled.PAYLOAD_SCHEMA_BY_TYPE, type)
    ? compiled.PAYLOAD_SCHEMA_BY_TYPE[type]
    : undefined;
}

export const envelopeSchema: EventSchema = compiledSchema('CloudEventEnvelope');

/** Ajv's errors, one issue per field, in the order found; wrapper errors are dropped. */
export function toIssues(errors: readonly SchemaError[]): ValidationIssue[] {
  const byPath = new Map<string, Record<string, string>>();
  for (const error of errors) {
    const described = describe(error);
    if (described === undefined) continue;
    const [path, rule, message] = described;
    const constraints = byPath.get(path) ?? {};
    constraints[rule] ??= message;
    byPath.set(path, constraints);
  }
  return [...byPath].map(([path, constraints]) => ({ path, constraints }));
}

/** Named rules whose own keywords (pattern + format, or pattern + enum) read better as one message. */
const NAMED_RULES: Record<string, (field: string) => string> = {
  Uuid: (field) => `${field} must be a UUID`,
  Timestamp: (field) =>
    `${field} must be an RFC 3339 timestamp with a zone and a real date, e.g. 2024-05-01T10:00:00Z`,
  CurrencyCode: (field) => `${field} must be an upper-case ISO 4217 code`,
};

function describe(error: SchemaError): [path: string, rule: string, message: string] | undefined {
  const { keyword, params } = error;
  // `if` and `anyOf` only say that a branch failed: the branch's own errors say which field and why.
  if (keyword === 'if' || keyword === 'anyOf') return undefined;
  // The `null` alternative of an optional or nullable field ("must be null") is not what the producer meant.
  if (keyword === 'type' && params.type === 'null' && error.schemaPath.includes('/anyOf/')) return undefined;

  const base = pointerToPath(error.instancePath);
  if (keyword === 'required') {
    const path = join(base, String(params.missingProperty));
    return [path, 'required', `${lastSegment(path)} is required`];
  }
  if (keyword === 'additionalProperties') {
    const name = String(params.additionalProperty);
    return [join(base, name), 'whitelistValidation', `property ${name} should not exist`];
  }
  const field = lastSegment(base) || 'the value';
  const named = /^#\/definitions\/(\w+)\//.exec(error.schemaPath)?.[1];
  if (named !== undefined && NAMED_RULES[named] !== undefined)
    return [base, named, NAMED_RULES[named](field)];
  return [base, keyword, `${field} ${explain(error)}`];
}

function explain({ keyword, params, message }: SchemaError): string {
  switch (keyword) {
    case 'type': {
      const types = (Array.isArray(params.type) ? params.type : String(params.type).split(','))
        .map(String)
        .filter((type) => type !== 'null');
      return `must be ${types.map((type) => (/^[aeiou]/.test(type) ? `an ${type}` : `a ${type}`)).join(' or ')}`;
    }
    case 'const':
      return `must be ${JSON.stringify(params.allowedValue)}`;
    case 'enum':
      return `must be one of ${(params.allowedValues as unknown[])
        .filter((value) => value !== null)
        .map((value) => (typeof value === 'string' ? value : JSON.stringify(value)))
        .join(', ')}`;
    case 'minLength':
      return `must be at least ${String(params.limit)} characters long`;
    case 'maxLength':
      return `must be at most ${String(params.limit)} characters long`;
    case 'minimum':
      return `must not be less than ${String(params.limit)}`;
    case 'maximum':
      return `must not be greater than ${String(params.limit)}`;
    case 'pattern':
      return params.pattern === STORABLE_TEXT_PATTERN.source
        ? 'must not contain NUL characters'
        : `must match ${String(params.pattern)}`;
    case 'not':
      // The schemas use `not` only as "present and not null" for a field the interaction type requires.
      return 'must not be null';
    default:
      return message ?? `fails ${keyword}`;
  }
}

/** JSON Pointer (`/interaction/amount`) → dotted path (`interaction.amount`). */
function pointerToPath(pointer: string): string {
  if (pointer === '') return '';
  return pointer
    .slice(1)
    .split('/')
    .map((segment) => segment.replace(/~1/g, '/').replace(/~0/g, '~'))
    .join('.');
}

function join(base: string, name: string): string {
  return base === '' ? name : `${base}.${name}`;
}

function lastSegment(path: string): string {
  return path.slice(path.lastIndexOf('.') + 1);
}
