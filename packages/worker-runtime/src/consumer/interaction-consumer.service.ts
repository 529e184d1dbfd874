import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
  Optional,
} from '@nestjs/common';
import type { AppConfig } from '@inner-circle/config';
import { Topics } from '@inner-circle/contracts';
import {
  type ConsumerHealth,
  EVENT_TRANSPORT,
  type EventConsumer,
  type EventTransport,
} from '@inner-circle/messaging';
import { APP_CONFIG } from '@inner-circle/nest-runtime';
import { InteractionRecordedHandler } from '../handlers/interaction-recorded.handler.js';

/**
 * When the consumer joins its group: at bootstrap (the default, e.g. the api's embedded
 * mode and tests), or only when the host calls `start()`. The standalone worker binds its
 * HTTP port first, so a process that cannot serve never joins and stalls the group.
 */
export type ConsumerStartMode = 'on-bootstrap' | 'manual';
export const CONSUMER_START_MODE = Symbol('CONSUMER_START_MODE');

/** Owns the consumer-group member for interactions: starts it after boot, stops it before the pool closes. */
@Injectable()
export class InteractionConsumerService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(InteractionConsumerService.name);
  private consumer: EventConsumer | undefined;

  constructor(
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(InteractionRecordedHandler) private readonly handler: InteractionRecordedHandler,
    @Optional()
    @Inject(CONSUMER_START_MODE)
    private readonly startMode: ConsumerStartMode = 'on-bootstrap',
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const { partitions } = this.config.events;
    await this.transport.ensureTopics([
      { topic: Topics.interactions, partitions },
      { topic: Topics.interactionsDeadLetter, partitions: 1 },
      { topic: Topics.tierChanges, partitions },
    ]);
    if (this.startMode === 'on-bootstrap') await this.start();
  }

  /** Joins the group and starts consuming; resolves once started. Called once. */
  async start(): Promise<void> {
    if (this.consumer) throw new Error('the interaction consumer is already started');
    this.consumer = this.transport.createConsumer({
      groupId: this.config.events.consumerGroup,
      topics: [Topics.interactions],
      fromBeginning: true,
    });
    await this.consumer.run((batch, context) => this.handler.handleBatch(batch, () => context.heartbeat()));
    this.logger.log({ topic: Topics.interactions }, 'interaction consumer started');
  }

  health(): ConsumerHealth {
    return (
      this.consumer?.health() ?? {
        running: false,
        lastBatchAt: null,
        lastError: 'not started',
        stalled: false,
      }
    );
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    this.logger.log('interaction consumer stopped');
  }
}
