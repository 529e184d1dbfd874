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
  InProcessTransport,
  type InProcessTransportOptions,
  TransportClosedError,
  UnknownTopicError,
} from './in-process/in-process-transport.js';
export { partitionForKey } from './in-process/murmur2.js';
