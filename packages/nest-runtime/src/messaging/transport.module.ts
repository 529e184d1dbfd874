import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@inner-circle/config';
import {
  EVENT_TRANSPORT,
  type EventTransport,
  KafkaTransport,
  PostgresTransport,
} from '@inner-circle/messaging';
import { PinoLogger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../clock/clock.js';

export interface TransportRuntime {
  /** The database the PostgreSQL event log lives in (embedded mode: the embedded PostgreSQL). */
  databaseUrl: string;
}

/**
 * One event transport per process: Kafka when KAFKA_BROKERS is set, otherwise the
 * PostgreSQL event log that joins api and worker in embedded mode (durable: what the api
 * accepted survives a crash).
 */
@Global()
@Module({})
export class TransportModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_TRANSPORT) private readonly transport: EventTransport) {}

  static forRoot(config: AppConfig, runtime: TransportRuntime): DynamicModule {
    return {
      module: TransportModule,
      providers: [
        {
          provide: EVENT_TRANSPORT,
          // The DataSource is migrated when it resolves: the event-log tables exist by then.
          inject: [PinoLogger, DataSource, CLOCK],
          useFactory: async (logger: PinoLogger, _migrated: DataSource, clock: Clock) => {
            logger.setContext('EventTransport');
            const transport: EventTransport = config.kafka
              ? new KafkaTransport({
                  brokers: config.kafka.brokers,
                  clientId: config.kafka.clientId,
                  logger,
                  // Batches are round-trip bound: other partitions' batches use the idle pool
                  // connections meanwhile (a redelivered batch is harmless: dedupe by id).
                  consumer: {
                    partitionsConsumedConcurrently: config.kafka.partitionsConcurrency,
                    ...config.kafka.group,
                  },
                })
              : new PostgresTransport({
                  connectionString: runtime.databaseUrl,
                  retentionMs: config.events.logRetentionMs,
                  applicationName: 'inner-circle-events',
                  logger,
                  clock,
                });
            await transport.connect();
            return transport;
          },
        },
      ],
      exports: [EVENT_TRANSPORT],
    };
  }

  async onApplicationShutdown(): Promise<void> {
    await this.transport.disconnect();
  }
}
