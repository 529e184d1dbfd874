import { Matches, Max, type ValidationOptions } from 'class-validator';
import { MAX_STORABLE_AMOUNT, STORABLE_TEXT_PATTERN } from './storable-limits.js';

/** A string PostgreSQL can store: no NUL character. Combine with the field's own length rule. */
export function IsStorableText(options: ValidationOptions = {}): PropertyDecorator {
  return Matches(STORABLE_TEXT_PATTERN, { message: '$property must not contain NUL characters', ...options });
}

/** An amount that fits `numeric(14,2)` (see MAX_STORABLE_AMOUNT). */
export function IsStorableAmount(options: ValidationOptions = {}): PropertyDecorator {
  return Max(MAX_STORABLE_AMOUNT, {
    message: `$property must not be greater than ${MAX_STORABLE_AMOUNT} (numeric(14,2))`,
    ...options,
  });
}
