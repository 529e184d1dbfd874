import { type DynamicModule, Global, Inject, Module, type OnApplicationShutdown } from '@nestjs/common';
import type { AppConfig } from '@inner-circle/config';
import {
  EVENT_TRANSPORT,
  type EventTransport,
  InProcessTransport,
  KafkaTransport,
} from '@inner-circle/messaging';
import { PinoLogger } from 'nestjs-pino';

/**
 * One event transport per process: Kafka when KAFKA_BROKERS is set, otherwise the
 * in-process transport that joins api and worker in embedded mode.
 */
@Global()
@Module({})
export class TransportModule implements OnApplicationShutdown {
  constructor(@Inject(EVENT_TRANSPORT) private readonly transport: EventTransport) {}

  static forRoot(config: AppConfig): DynamicModule {
    return {
      module: TransportModule,
      providers: [
        {
          provide: EVENT_TRANSPORT,
          inject: [PinoLogger],
          useFactory: async (logger: PinoLogger) => {
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
              : new InProcessTransport();
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
