/**
 * Whether PostgreSQL's `uuid` type reads this string (8-4-4-4-12 hex digits): ids from outside are
 * checked first, so a malformed one finds nothing instead of failing the statement.
 */
export function isUuid(value: string): boolean {
  return UUID_TEXT.test(value);
}

const UUID_TEXT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
