import { randomUUID } from 'node:crypto';
import { EventEmitter, on } from 'node:events';
import { hostname } from 'node:os';
import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { AppConfig } from '@inner-circle/config';
import { parseEvent, TIER_CHANGED_V1, Topics } from '@inner-circle/contracts';
import {
  EVENT_TRANSPORT,
  type EventConsumer,
  type EventTransport,
  type MessageBatch,
} from '@inner-circle/messaging';
import { APP_CONFIG } from '@inner-circle/nest-runtime';
import type { TierChangeEventObject } from './dto/tier-change-event.object.js';
import { toTierChangeEventObject } from './tier-change-event.mapper.js';

/**
 * Feeds GraphQL subscriptions from the tier-change topic. Every api instance reads the
 * whole topic in a consumer group of its own (so each instance's subscribers see every
 * change), from "now": a subscription is a live feed, not a replay.
 */
@Injectable()
export class TierChangeFeedService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(TierChangeFeedService.name);
  private readonly byBusiness = new EventEmitter().setMaxListeners(0);
  private consumer: EventConsumer | undefined;

  constructor(
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.transport.ensureTopics([
      { topic: Topics.tierChanges, partitions: this.config.events.partitions },
    ]);
    this.consumer = this.transport.createConsumer({
      groupId: `${this.config.events.consumerGroup}-api-feed-${hostname()}-${randomUUID()}`,
      topics: [Topics.tierChanges],
      fromBeginning: false,
    });
    await this.consumer.run((batch) => Promise.resolve(this.fanOut(batch)));
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.consumer?.stop();
    this.byBusiness.removeAllListeners();
  }

  /** The live tier changes of one business, until the subscriber goes away. */
  async *subscribe(businessId: string): AsyncGenerator<TierChangeEventObject> {
    for await (const [event] of on(this.byBusiness, businessId) as AsyncIterable<[TierChangeEventObject]>) {
      yield event;
    }
  }

  private fanOut(batch: MessageBatch): void {
    for (const message of batch.messages) {
      const parsed = parseEvent(message.value, TIER_CHANGED_V1);
      // Downgrade warnings share the topic; anything else unreadable is the worker's DLQ concern, not the feed's.
      if (!parsed.ok) {
        if (parsed.error.kind !== 'UNKNOWN_TYPE') {
          this.logger.warn(
            { offset: message.offset, error: parsed.error.kind },
            'unreadable tier-change event skipped',
          );
        }
        continue;
      }
      this.byBusiness.emit(parsed.event.data.businessId, toTierChangeEventObject(parsed.event));
    }
  }
}
