import { logLevel, type logCreator } from 'kafkajs';
import type { TransportLogger } from '../transport-logger.js';

export type KafkaLogLevel = 'error' | 'warn' | 'info' | 'debug';

export function toKafkaLogLevel(level: KafkaLogLevel | 'nothing'): logLevel {
  switch (level) {
    case 'nothing':
      return logLevel.NOTHING;
    case 'error':
      return logLevel.ERROR;
    case 'warn':
      return logLevel.WARN;
    case 'info':
      return logLevel.INFO;
    case 'debug':
      return logLevel.DEBUG;
  }
}

/**
 * Routes kafkajs's own log lines (retries, "KafkaJSNumberOfRetriesExceeded", rebalances)
 * to the app's pino-style logger instead of kafkajs's default console output.
 */
export function createKafkaLogCreator(logger: TransportLogger): logCreator {
  return () =>
    ({ namespace, level, log }) => {
      const {
        message,
        timestamp: _timestamp,
        logger: _logger,
        ...extra
      } = log as { message: string; timestamp?: string; logger?: string } & Record<string, unknown>;
      const fields = { ...extra, component: 'kafkajs', namespace };
      switch (level) {
        case logLevel.NOTHING:
          return;
        case logLevel.ERROR:
          return logger.error(fields, message);
        case logLevel.WARN:
          return logger.warn(fields, message);
        case logLevel.INFO:
          return logger.info(fields, message);
        case logLevel.DEBUG:
          return logger.debug(fields, message);
      }
    };
}
