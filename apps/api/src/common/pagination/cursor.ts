import { clientError } from '../../graphql/client-error.js';

/** PostgreSQL's text form of a timestamptz (full precision), as repositories hand it out for cursors. */
export const PG_TIMESTAMP_TEXT = /^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/;

/**
 * Opaque keyset cursors: the sort key values of the last row seen, base64url-encoded
 * JSON. Clients must not build them; a tampered cursor is a BAD_USER_INPUT, not a 500.
 */
export function encodeCursor(values: readonly (string | number | null)[]): string {
  return Buffer.from(JSON.stringify(values)).toString('base64url');
}

export function decodeCursor(cursor: string, arity: number): (string | number | null)[] {
  try {
    const values: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (
      Array.isArray(values) &&
      values.length === arity &&
      values.every((v) => v === null || typeof v === 'string' || typeof v === 'number')
    ) {
      return values as (string | number | null)[];
    }
  } catch {
    // fall through: not JSON
  }
  throw clientError('BAD_USER_INPUT', 'The cursor is not one this API issued', { field: 'after' });
}
