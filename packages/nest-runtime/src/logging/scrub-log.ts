/**
 * Keys that carry SQL or the values bound to it (database errors: TypeORM's `query` and
 * `parameters`, pg's `detail`, `where` and the wrapped `driverError`). Personal data
 * (names, emails) and key material would otherwise be written to the logs, where erasure
 * cannot reach them; they are dropped at any depth.
 */
const SQL_KEYS = new Set(['query', 'parameters', 'driverError', 'detail', 'where', 'internalQuery']);
const MAX_DEPTH = 8;

/** A copy of a log value without SQL keys, at any depth; errors become plain objects. */
export function scrubLogValue(value: unknown, depth = 0, seen = new WeakSet<object>()): unknown {
  if (value === null || typeof value !== 'object') return value;
  if (seen.has(value) || depth > MAX_DEPTH) return '[omitted]';
  if (value instanceof Error) {
    seen.add(value);
    // Same prototype, so pino's error serializer still names its class (QueryFailedError).
    const copy = Object.create(Object.getPrototypeOf(value) as object) as Record<string, unknown>;
    copy.message = value.message;
    copy.stack = value.stack;
    for (const [key, item] of Object.entries(value)) {
      if (!SQL_KEYS.has(key)) copy[key] = scrubLogValue(item, depth + 1, seen);
    }
    if (value.cause !== undefined) copy.cause = scrubLogValue(value.cause, depth + 1, seen);
    return copy;
  }
  if (Array.isArray(value)) {
    seen.add(value);
    return value.map((item) => scrubLogValue(item, depth + 1, seen));
  }
  // Other class instances (pino-http's raw request and response) are left to their serializers.
  const prototype = Object.getPrototypeOf(value) as unknown;
  if (prototype !== Object.prototype && prototype !== null) return value;
  seen.add(value);
  const copy: Record<string, unknown> = {};
  for (const [key, item] of Object.entries(value)) {
    if (!SQL_KEYS.has(key)) copy[key] = scrubLogValue(item, depth + 1, seen);
  }
  return copy;
}

/** pino's `formatters.log`: every log object passes through `scrubLogValue`. */
export function scrubLogObject(object: Record<string, unknown>): Record<string, unknown> {
  return scrubLogValue(object) as Record<string, unknown>;
}
