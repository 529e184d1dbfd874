/**
 * Headers on a message in `loyalty.interactions.dlq.v1`. The value is the original
 * message value, byte for byte, and the key the original key, so a fixed message can be
 * re-produced to the original topic as is.
 */
export const DeadLetterHeaders = {
  originalTopic: 'dlq-original-topic',
  originalPartition: 'dlq-original-partition',
  originalOffset: 'dlq-original-offset',
  /** A `ParseErrorKind` (`MALFORMED_JSON`, `INVALID_PAYLOAD`, ...) or another stable error class name. */
  errorClass: 'dlq-error-class',
  /** Human-readable reason, truncated to {@link DEAD_LETTER_MESSAGE_MAX_LENGTH} characters. */
  errorMessage: 'dlq-error-message',
  /** RFC 3339 time the message was dead-lettered. */
  failedAt: 'dlq-failed-at',
} as const;

export const DEAD_LETTER_MESSAGE_MAX_LENGTH = 1000;

export interface DeadLetterInfo {
  originalTopic: string;
  originalPartition: number;
  originalOffset: string;
  errorClass: string;
  errorMessage: string;
  failedAt: Date;
}

/** Builds the dead-letter headers (all strings, as Kafka headers are). */
export function buildDeadLetterHeaders(info: DeadLetterInfo): Record<string, string> {
  return {
    [DeadLetterHeaders.originalTopic]: info.originalTopic,
    [DeadLetterHeaders.originalPartition]: String(info.originalPartition),
    [DeadLetterHeaders.originalOffset]: info.originalOffset,
    [DeadLetterHeaders.errorClass]: info.errorClass,
    [DeadLetterHeaders.errorMessage]: info.errorMessage.slice(0, DEAD_LETTER_MESSAGE_MAX_LENGTH),
    [DeadLetterHeaders.failedAt]: info.failedAt.toISOString(),
  };
}
