import type { AppConfig } from '@inner-circle/config';
import type { LoggerOptions } from 'pino';
import { scrubLogObject } from './scrub-log.js';

/** JSON lines for machines, pino-pretty in a terminal; secrets are redacted either way. */
export function createLoggerOptions(config: AppConfig, service: string): LoggerOptions {
  return {
    level: config.log.level,
    base: { service },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.secret', '*.apiKey'],
      censor: '[redacted]',
    },
    // SQL and its bound values never reach a log line, however deep they sit (see scrubLogValue).
    formatters: { log: scrubLogObject },
    ...(config.log.pretty
      ? {
          transport: {
            target: 'pino-pretty',
            options: { singleLine: true, translateTime: 'SYS:HH:MM:ss.l' },
          },
        }
      : {}),
  };
}
