import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { type DynamicModule, Module } from '@nestjs/common';
import { APP_FILTER } from '@nestjs/core';
import { GraphQLModule } from '@nestjs/graphql';
import type { AppConfig } from '@inner-circle/config';
import type { DestinationStream } from 'pino';
import {
  type Clock,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  LoggingModule,
  TransportModule,
} from '@inner-circle/nest-runtime';
import { WorkerModule } from '@inner-circle/worker-runtime';
import { ApiKeysModule } from './api-keys/api-keys.module.js';
import { AuthModule } from './auth/auth.module.js';
import { BusinessesModule } from './businesses/businesses.module.js';
import { CampaignsModule } from './campaigns/campaigns.module.js';
import { FairShareModule } from './common/fair-share/fair-share.module.js';
import { CustomersModule } from './customers/customers.module.js';
import { DemoSeedModule } from './embedded/demo-seed.module.js';
import { EmbeddedMetricsController } from './embedded/embedded-metrics.controller.js';
import { GraphQLExceptionFilter } from './graphql/graphql-exception.filter.js';
import { GraphQLGateModule } from './graphql/graphql-gate.module.js';
import { GraphQLWsGate } from './graphql/graphql-ws-gate.service.js';
import { createGraphQLOptions } from './graphql/graphql.options.js';
import { HealthModule } from './health/health.module.js';
import { InsightsModule } from './insights/insights.module.js';
import { InteractionsModule } from './interactions/interactions.module.js';
import { LongWorkModule } from './long-work/long-work.module.js';
import { ScoringModule } from './scoring/scoring.module.js';
import { TierChangesModule } from './tier-changes/tier-changes.module.js';
import { TiersModule } from './tiers/tiers.module.js';

export interface ApiRuntime {
  databaseUrl: string;
  /** Embedded mode: the worker runs in this process over the PostgreSQL event log. */
  runWorker: boolean;
  seedDemo: boolean;
  /** Where log lines go instead of stdout (tests grep them). */
  logDestination?: DestinationStream;
  /** What time it is for business rules and records; the wall clock unless a test sets its own. */
  clock?: Clock;
}

@Module({})
export class AppModule {
  static forRoot(config: AppConfig, runtime: ApiRuntime): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        ClockModule.forRoot(runtime.clock),
        LoggingModule.forRoot(config, 'api', runtime.logDestination),
        DatabaseModule.forRoot({
          url: runtime.databaseUrl,
          poolSize: config.database.poolSize,
          applicationName: 'inner-circle-api',
          migrate: true,
        }),
        TransportModule.forRoot(config, { databaseUrl: runtime.databaseUrl }),
        GraphQLModule.forRootAsync<ApolloDriverConfig>({
          driver: ApolloDriver,
          imports: [GraphQLGateModule],
          inject: [GraphQLWsGate],
          useFactory: (gate: GraphQLWsGate) => createGraphQLOptions(config, gate),
        }),
        AuthModule,
        FairShareModule,
        ApiKeysModule,
        BusinessesModule,
        CampaignsModule,
        CustomersModule,
        HealthModule,
        InsightsModule,
        InteractionsModule,
        LongWorkModule,
        ScoringModule,
        TierChangesModule,
        TiersModule,
        ...(runtime.runWorker ? [WorkerModule] : []),
        ...(runtime.seedDemo ? [DemoSeedModule] : []),
      ],
      // Embedded mode: one process, one Prometheus registry (the worker's, with the process's own metrics).
      controllers: runtime.runWorker ? [EmbeddedMetricsController] : [],
      providers: [{ provide: APP_FILTER, useClass: GraphQLExceptionFilter }],
    };
  }
}
