import type { ValidationError } from 'class-validator';
import { clientError } from '../../graphql/client-error.js';

export interface FieldError {
  /** Dotted path inside the argument, with list indexes: `input.tiers.2.retainScore`. */
  field: string;
  messages: string[];
}

/** Flattens class-validator's tree (nested inputs included) into one error per field. */
export function flattenValidationErrors(errors: ValidationError[], prefix = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = prefix ? `${prefix}.${error.property}` : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints) }] : [];
    return [...own, ...flattenValidationErrors(error.children ?? [], field)];
  });
}

/** BAD_USER_INPUT naming every invalid field, in the message and in `extensions.fieldErrors`. */
export function invalidInput(fieldErrors: FieldError[]) {
  const summary = fieldErrors.map((e) => `${e.field}: ${e.messages.join(', ')}`).join('; ');
  return clientError('BAD_USER_INPUT', `Invalid input: ${summary}`, { fieldErrors });
}

/** ValidationPipe's exception. */
export function validationExceptionFactory(errors: ValidationError[]) {
  return invalidInput(flattenValidationErrors(errors));
}
