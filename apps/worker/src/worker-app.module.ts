import { type DynamicModule, Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import type { AppConfig } from '@inner-circle/config';
import {
  ConfigModule,
  DatabaseHealthIndicator,
  DatabaseModule,
  LoggingModule,
  TransportHealthIndicator,
  TransportModule,
} from '@inner-circle/nest-runtime';
import { WorkerHealthController } from './health/health.controller.js';
import { MetricsController } from './metrics/metrics.controller.js';
import { WorkerModule } from './worker.module.js';

/** The standalone worker process: the worker module plus config, database, Kafka and health. */
@Module({})
export class WorkerAppModule {
  static forRoot(config: AppConfig & { database: { url: string } }): DynamicModule {
    return {
      module: WorkerAppModule,
      imports: [
        ConfigModule.forRoot(config),
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
