export * from './event-transport.js';
export { isTransientError, TransientError } from './is-transient-error.js';
export { isolatePoison, type PoisonIsolation } from './isolate-poison.js';
export {
  AbortedError,
  type BackoffPolicy,
  computeBackoffDelay,
  DEFAULT_BACKOFF,
  retryWithBackoff,
  type RetryOptions,
  sleep,
} from './retry-with-backoff.js';
export { silentLogger, type TransportLogger } from './transport-logger.js';
export {
  KafkaTransport,
  type KafkaConsumerTuning,
  type KafkaTransportOptions,
} from './kafka/kafka-transport.js';
export type { KafkaLogLevel } from './kafka/kafka-log-creator.js';
export {
  PostgresTransport,
  type PostgresTransportOptions,
  TransportClosedError,
  UnknownTopicError,
} from './postgres/postgres-transport.js';
export { partitionForKey } from './partition-for-key.js';
