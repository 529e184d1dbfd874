import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { AppConfig } from '@inner-circle/config';
import {
  type Clock,
  ClockModule,
  ConfigModule,
  DatabaseHealthIndicator,
  DatabaseModule,
  LoggingModule,
  TransportHealthIndicator,
  TransportModule,
} from '@inner-circle/nest-runtime';
import { CONSUMER_START_MODE, type ConsumerStartMode } from './consumer/interaction-consumer.service.js';
import { WorkerHealthController } from './health/health.controller.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { WorkerModule } from './worker.module.js';

/** Carries the consumer's start mode to the worker module's consumer service. */
@Module({})
class ConsumerStartModeModule {}

/** The standalone worker process: the worker module plus config, database, Kafka and health. */
@Module({})
export class WorkerAppModule {
  static forRoot(
    config: AppConfig & { database: { url: string } },
    options: { startConsumer?: ConsumerStartMode; clock?: Clock } = {},
  ): DynamicModule {
    return {
      module: WorkerAppModule,
      imports: [
        {
          module: ConsumerStartModeModule,
          global: true,
          providers: [{ provide: CONSUMER_START_MODE, useValue: options.startConsumer ?? 'on-bootstrap' }],
          exports: [CONSUMER_START_MODE],
        },
        ConfigModule.forRoot(config),
        ClockModule.forRoot(options.clock),
        LoggingModule.forRoot(config, 'worker'),
        DatabaseModule.forRoot({
          url: config.database.url,
          poolSize: config.database.poolSize,
          applicationName: 'inner-circle-worker',
          migrate: true,
        }),
        TransportModule.forRoot(config, { databaseUrl: config.database.url }),
        TerminusModule.forRoot({ logger: false }),
        WorkerModule,
      ],
      controllers: [WorkerHealthController, MetricsController],
      providers: [DatabaseHealthIndicator, TransportHealthIndicator],
    };
  }
}
