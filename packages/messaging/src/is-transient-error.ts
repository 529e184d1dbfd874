/**
 * Marks an error as worth retrying. Handlers can throw it (or set `transient: true` on
 * any error) for failures this classifier cannot recognise on its own.
 */
export class TransientError extends Error {
  readonly transient = true;
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'TransientError';
  }
}

// Node/libuv socket and DNS errors that mean "the other side is not reachable right now".
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'EHOSTUNREACH',
  'EHOSTDOWN',
  'ENETUNREACH',
  'ENETDOWN',
  'EAI_AGAIN',
  'ENOTFOUND',
  'ESOCKETTIMEDOUT',
]);

// PostgreSQL SQLSTATEs: retrying the same transaction can succeed.
const PG_TRANSIENT_CODES = new Set([
  '40001', // serialization_failure
  '40P01', // deadlock_detected
  '55P03', // lock_not_available
  '57014', // query_canceled (statement_timeout)
  '57P01', // admin_shutdown
  '57P02', // crash_shutdown
  '57P03', // cannot_connect_now
  '53300', // too_many_connections
  '53400', // configuration_limit_exceeded
]);

// Errors node-postgres and its pool raise without a code.
const TRANSIENT_MESSAGES = [
  /connection terminated/i,
  /timeout exceeded when trying to connect/i,
  /connection timeout/i,
  /client has encountered a connection error/i,
  /socket hang up/i,
];

// kafkajs error names that are transient even when not flagged `retriable`.
const KAFKAJS_TRANSIENT_NAMES = new Set([
  'KafkaJSConnectionError',
  'KafkaJSConnectionClosedError',
  'KafkaJSRequestTimeoutError',
  'KafkaJSBrokerNotFound',
  'KafkaJSLockTimeout',
  'KafkaJSNoBrokerAvailableError',
  'KafkaJSStaleTopicMetadataAssignment',
]);

/**
 * True when retrying the same work later may succeed: network failures, PostgreSQL
 * serialization/deadlock/shutdown/connection errors (class 08), kafkajs retriable errors,
 * and errors explicitly marked `transient: true`. Looks through `cause`,
 * `driverError` (TypeORM), `originalError` (kafkajs) and AggregateError members.
 * Pure: no I/O, no library imports.
 */
export function isTransientError(error: unknown): boolean {
  return check(error, 0);
}

function check(error: unknown, depth: number): boolean {
  if (depth > 5 || typeof error !== 'object' || error === null) return false;
  const e = error as Record<string, unknown>;

  if (e.transient === true) return true;
  if (typeof e.code === 'string' && isTransientCode(e.code)) return true;
  if (typeof e.name === 'string' && e.name.startsWith('KafkaJS')) {
    if (e.retriable === true || KAFKAJS_TRANSIENT_NAMES.has(e.name)) return true;
  }
  if (
    typeof e.message === 'string' &&
    TRANSIENT_MESSAGES.some((pattern) => pattern.test(e.message as string))
  )
    return true;

  const nested = [
    e.cause,
    e.driverError,
    e.originalError,
    ...(Array.isArray(e.errors) ? (e.errors as unknown[]) : []),
  ];
  return nested.some((inner) => inner !== undefined && inner !== error && check(inner, depth + 1));
}

function isTransientCode(code: string): boolean {
  if (NETWORK_CODES.has(code) || PG_TRANSIENT_CODES.has(code)) return true;
  // SQLSTATE class 08: connection exception.
  return /^08[0-9A-Z]{3}$/.test(code);
}
