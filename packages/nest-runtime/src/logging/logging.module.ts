import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@inner-circle/config';
import { LoggerModule } from 'nestjs-pino';
import type { DestinationStream } from 'pino';
import { createLoggerOptions } from './logger-options.js';

@Module({})
export class LoggingModule {
  /** `destination` replaces stdout (tests capture the log lines with it). */
  static forRoot(config: AppConfig, service: string, destination?: DestinationStream): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            ...createLoggerOptions(config, service),
            // Health probes every few seconds would drown the useful lines.
            autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
            ...(destination ? { stream: destination } : {}),
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
