import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EVENT_TRANSPORT, type EventTransport, sleep } from '@inner-circle/messaging';
import { type OutboxMessage, OutboxRepository, TransactionRunner } from '@inner-circle/persistence';

const BATCH_SIZE = 200;
const IDLE_POLL_MS = 250;
const ERROR_BACKOFF_MS = 2000;

/**
 * Publishes outbox rows to their topics, then marks them published, in one database
 * transaction that holds the rows (SKIP LOCKED, so several relays split the work). A
 * crash between publish and mark rolls the mark back: the rows go out again with the
 * same event ids — at least once, and consumers dedupe by id.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private readonly stopController = new AbortController();
  private loop: Promise<void> | undefined;

  constructor(
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
  ) {}

  onApplicationBootstrap(): void {
    this.loop = this.runUntilStopped();
  }

  async beforeApplicationShutdown(): Promise<void> {
    this.stopController.abort();
    await this.loop;
  }

  /** One pass: returns how many rows were published. */
  relayOnce(): Promise<number> {
    return this.transactions.run(async (transaction) => {
      const messages = await this.outbox.claimUnpublished(transaction, BATCH_SIZE);
      if (!messages.length) return 0;
      for (const [topic, group] of groupByTopic(messages)) {
        await this.transport.publish(
          topic,
          group.map((message) => ({
            key: message.key,
            value: JSON.stringify(message.payload),
            headers: { 'ce-id': message.eventId },
          })),
        );
      }
      await this.outbox.markPublished(
        transaction,
        messages.map((message) => message.id),
        new Date(),
      );
      return messages.length;
    });
  }

  private async runUntilStopped(): Promise<void> {
    const signal = this.stopController.signal;
    while (!signal.aborted) {
      let pause = 0;
      try {
        const published = await this.relayOnce();
        if (published < BATCH_SIZE) pause = IDLE_POLL_MS;
      } catch (error) {
        this.logger.warn({ err: error }, 'outbox relay pass failed; retrying');
        pause = ERROR_BACKOFF_MS;
      }
      if (pause) await sleep(pause, signal).catch(() => undefined);
    }
  }
}

function groupByTopic(messages: OutboxMessage[]): Map<string, OutboxMessage[]> {
  const groups = new Map<string, OutboxMessage[]>();
  for (const message of messages) {
    const group = groups.get(message.topic);
    if (group) group.push(message);
    else groups.set(message.topic, [message]);
  }
  return groups;
}
