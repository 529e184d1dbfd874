/**
 * PostgreSQL's `text` cannot hold a NUL character (`invalid byte sequence for encoding
 * "UTF8": 0x00`): a string with one is refused where it enters (api input, partner event),
 * as a validation error naming the field, never as a database error after an ack.
 */
// eslint-disable-next-line no-control-regex -- matching the control character is the point.
export const STORABLE_TEXT_PATTERN = /^[^\u0000]*$/;

/** The largest amount a `numeric(14,2)` column holds: 12 digits before the point, 2 after. */
export const MAX_STORABLE_AMOUNT = 999_999_999_999.99;
