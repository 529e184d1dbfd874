import { Matches, Max, type ValidationOptions } from 'class-validator';

/**
 * PostgreSQL's `text` cannot hold a NUL character (`invalid byte sequence for encoding
 * "UTF8": 0x00`): a string with one is refused where it enters (api input, partner event),
 * as a validation error naming the field, never as a database error after an ack.
 */
// eslint-disable-next-line no-control-regex -- matching the control character is the point.
export const STORABLE_TEXT_PATTERN = /^[^\u0000]*$/;

/** A string PostgreSQL can store: no NUL character. Combine with the field's own length rule. */
export function IsStorableText(options: ValidationOptions = {}): PropertyDecorator {
  return Matches(STORABLE_TEXT_PATTERN, { message: '$property must not contain NUL characters', ...options });
}

/** The largest amount a `numeric(14,2)` column holds: 12 digits before the point, 2 after. */
export const MAX_STORABLE_AMOUNT = 999_999_999_999.99;

/** An amount that fits `numeric(14,2)` (see MAX_STORABLE_AMOUNT). */
export function IsStorableAmount(options: ValidationOptions = {}): PropertyDecorator {
  return Max(MAX_STORABLE_AMOUNT, {
    message: `$property must not be greater than ${MAX_STORABLE_AMOUNT} (numeric(14,2))`,
    ...options,
  });
}
