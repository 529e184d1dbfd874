import { IsISO8601, IsRFC3339 } from 'class-validator';

/**
 * An RFC 3339 timestamp with a zone (`2024-05-01T10:00:00Z`, `...+02:00`) that is also a
 * real calendar date (rejects `2024-02-30`). Kept as a string: the wire format stays
 * exactly what the producer sent, and no Date is built behind the caller's back.
 */
export function IsTimestamp(): PropertyDecorator {
  const rfc = IsRFC3339();
  const calendar = IsISO8601({ strict: true });
  return (target, key) => {
    rfc(target, key);
    calendar(target, key);
  };
}
