import { encodeCursor } from '../../common/pagination/cursor';
import { decodeCustomerCursor, encodeCustomerCursor } from '../customer-cursor';
import { CustomerSortField } from '../dto/customers.args';

const ID = '9f0b6a9e-5b1c-4d3e-8f2a-1b2c3d4e5f60';

describe('customer cursors', () => {
  it.each([
    [CustomerSortField.SCORE, '12.345678901234567'],
    [CustomerSortField.JOINED_AT, '2026-11-27 12:00:00.123456+00'],
    [CustomerSortField.LAST_INTERACTION_AT, '-infinity'],
  ])('round-trips a %s cursor', (field, sortKey) => {
    expect(decodeCustomerCursor(encodeCustomerCursor(field, sortKey, ID), field)).toEqual({
      sortKey,
      id: ID,
    });
  });

  it.each([
    ['another ordering', encodeCustomerCursor(CustomerSortField.JOINED_AT, '2026-11-27 12:00:00+00', ID)],
    ['SQL in the sort key', encodeCursor([CustomerSortField.SCORE, '1); DROP TABLE customers; --', ID])],
    ['a malformed id', encodeCursor([CustomerSortField.SCORE, '1', 'x'])],
  ])('refuses %s', (_label, cursor) => {
    expect(() => decodeCustomerCursor(cursor, CustomerSortField.SCORE)).toThrow(/cursor/);
  });
});
