import type { AppConfig } from '@inner-circle/config';
import type { LoggerOptions } from 'pino';

/** JSON lines for machines, pino-pretty in a terminal; secrets are redacted either way. */
export function createLoggerOptions(config: AppConfig, service: string): LoggerOptions {
  return {
    level: config.log.level,
    base: { service },
    redact: {
      paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.secret', '*.apiKey'],
      censor: '[redacted]',
    },
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
