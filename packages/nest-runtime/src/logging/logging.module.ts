import { type DynamicModule, Module } from '@nestjs/common';
import type { AppConfig } from '@inner-circle/config';
import { LoggerModule } from 'nestjs-pino';
import { createLoggerOptions } from './logger-options.js';

@Module({})
export class LoggingModule {
  static forRoot(config: AppConfig, service: string): DynamicModule {
    return {
      module: LoggingModule,
      imports: [
        LoggerModule.forRoot({
          pinoHttp: {
            ...createLoggerOptions(config, service),
            // Health probes every few seconds would drown the useful lines.
            autoLogging: { ignore: (req) => req.url?.startsWith('/health') ?? false },
          },
        }),
      ],
      exports: [LoggerModule],
    };
  }
}
