import { DomainError, DomainErrorCode } from './domain-error.js';

/** Why one input value was refused: every exported rule checks its inputs with these guards. */
export enum InputProblemCode {
  /** NaN or ±Infinity where a number is needed. */
  NOT_FINITE = 'NOT_FINITE',
  /** A count (members, admissions, redemptions, caps) that is negative, fractional or not finite. */
  NOT_A_COUNT = 'NOT_A_COUNT',
  /** Not a Date, or an Invalid Date. */
  INVALID_DATE = 'INVALID_DATE',
  /** The same id twice in a list whose ids must be unique. */
  DUPLICATE_ID = 'DUPLICATE_ID',
  INVALID_TIME_ZONE = 'INVALID_TIME_ZONE',
  /** Not one of the values of an enum (e.g. a Period). */
  UNKNOWN_VALUE = 'UNKNOWN_VALUE',
  /** A list that must come sorted (customers in id order) did not. */
  OUT_OF_ORDER = 'OUT_OF_ORDER',
}

export interface InputProblem {
  /** The field refused, e.g. 'now', 'waitlist[3].score', 'occupancy[gold].members'. */
  path: string;
  code: InputProblemCode;
  message: string;
}

const shown = (value: unknown): string => (typeof value === 'number' ? String(value) : typeof value);

// Paths are written with an empty index ('waitlist[].score') and filled in only when a guard
// throws, so a valid call builds no string and allocates nothing. Without a key the brackets go.
function pathOf(field: string, key: string | number | undefined): string {
  return field.replace('[]', key === undefined ? '' : `[${key}]`);
}

/** A DomainError with code INVALID_INPUT and one problem. */
export function invalidInput(
  field: string,
  code: InputProblemCode,
  message: string,
  key?: string | number,
): DomainError {
  const path = pathOf(field, key);
  return new DomainError(DomainErrorCode.INVALID_INPUT, [{ path, code, message: `${path} ${message}` }]);
}

/** A finite number (not NaN, not ±Infinity). */
export function assertFinite(value: unknown, field: string, key?: string | number): asserts value is number {
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    throw invalidInput(
      field,
      InputProblemCode.NOT_FINITE,
      `must be a finite number, got ${shown(value)}.`,
      key,
    );
  }
}

/** A count: a whole number ≥ 0. */
export function assertCount(value: unknown, field: string, key?: string | number): asserts value is number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 0) {
    throw invalidInput(
      field,
      InputProblemCode.NOT_A_COUNT,
      `must be a whole number ≥ 0, got ${shown(value)}.`,
      key,
    );
  }
}

/** A count, or null/undefined where the field is optional (no cap, not counted). */
export function assertOptionalCount(
  value: unknown,
  field: string,
  key?: string | number,
): asserts value is number | null | undefined {
  if (value !== null && value !== undefined) assertCount(value, field, key);
}

/** A Date holding a real instant (not an Invalid Date). */
export function assertDate(value: unknown, field: string, key?: string | number): asserts value is Date {
  if (!(value instanceof Date) || !Number.isFinite(value.getTime())) {
    throw invalidInput(field, InputProblemCode.INVALID_DATE, 'must be a valid date.', key);
  }
}

/** A valid Date, or null/undefined where the field is optional. */
export function assertOptionalDate(
  value: unknown,
  field: string,
  key?: string | number,
): asserts value is Date | null | undefined {
  if (value !== null && value !== undefined) assertDate(value, field, key);
}

/** One of an enum's values. */
export function assertOneOf<T extends string>(
  value: unknown,
  allowed: readonly T[],
  field: string,
  key?: string | number,
): asserts value is T {
  if (!allowed.includes(value as T)) {
    throw invalidInput(field, InputProblemCode.UNKNOWN_VALUE, `must be one of ${allowed.join(', ')}.`, key);
  }
}

// Short lists (a campaign's tier ids) are checked pairwise without allocating; long ones (a
// waitlist, a population) with a Set: linear, one allocation per call.
const PAIRWISE_LIMIT = 16;

/**
 * No two items share an id. `field` names the id with an empty index, e.g. 'waitlist[].customerId';
 * the error names the second occurrence and the first (ids themselves are never echoed).
 */
export function assertUniqueIds<T>(items: readonly T[], idOf: (item: T) => string, field: string): void {
  const count = items.length;
  if (count <= PAIRWISE_LIMIT) {
    for (let i = 1; i < count; i++) {
      const id = idOf(items[i]);
      for (let j = 0; j < i; j++) if (idOf(items[j]) === id) throw duplicate(field, i, j);
    }
    return;
  }
  // A Set, not a Map of first positions: the valid case is the one to keep cheap, and the first
  // position of a repeated id is looked up only when it is found.
  const seen = new Set<string>();
  for (let i = 0; i < count; i++) {
    const id = idOf(items[i]);
    if (seen.has(id)) {
      let first = 0;
      while (idOf(items[first]) !== id) first++;
      throw duplicate(field, i, first);
    }
    seen.add(id);
  }
}

function duplicate(field: string, index: number, firstIndex: number): DomainError {
  return invalidInput(
    field,
    InputProblemCode.DUPLICATE_ID,
    `repeats the id of ${pathOf(field, firstIndex)}.`,
    index,
  );
}
