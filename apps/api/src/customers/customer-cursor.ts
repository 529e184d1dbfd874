import { decodeCursor, encodeCursor } from '../common/pagination/cursor.js';
import { CustomerSortField } from './dto/customers.args.js';
import { CustomerErrorCode, CustomerException } from './customers.exception.js';
import { isUUID } from 'class-validator';

// PostgreSQL's text output of the sort value, which the keyset casts straight back.
const SORT_KEY: Record<CustomerSortField, RegExp> = {
  [CustomerSortField.SCORE]: /^-?(\d+(\.\d+)?([eE][+-]?\d+)?|Infinity)$/,
  [CustomerSortField.JOINED_AT]: /^\d{4,}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2}$/,
  [CustomerSortField.LAST_INTERACTION_AT]:
    /^(-infinity|\d{4,}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}(\.\d{1,6})?[+-]\d{2}(:\d{2}){0,2})$/,
};

/** The sort field is part of the cursor so a cursor from another ordering is refused, not misread. */
export function encodeCustomerCursor(field: CustomerSortField, sortKey: string, id: string): string {
  return encodeCursor([field, sortKey, id]);
}

export function decodeCustomerCursor(
  cursor: string,
  field: CustomerSortField,
): { sortKey: string; id: string } {
  const [cursorField, sortKey, id] = decodeCursor(cursor, 3);
  if (
    cursorField !== field ||
    typeof sortKey !== 'string' ||
    typeof id !== 'string' ||
    !isUUID(id) ||
    !SORT_KEY[field].test(sortKey)
  ) {
    throw new CustomerException(
      CustomerErrorCode.InvalidCursor,
      'The cursor does not belong to this ordering of customers',
      'after',
    );
  }
  return { sortKey, id };
}
