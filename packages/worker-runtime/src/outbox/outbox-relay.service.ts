import {
  type BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import { EVENT_TRANSPORT, type EventTransport } from '@inner-circle/messaging';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import { type OutboxMessage, OutboxRepository, TransactionRunner } from '@inner-circle/persistence';
import { type BackgroundLoop, startBackgroundLoop } from '../scheduler/background-loop.js';

const BATCH_SIZE = 200;
/** Short: the relay's poll is part of every tier change's latency, and an empty poll is one cheap query. */
const IDLE_POLL_MS = 50;
const ERROR_BACKOFF_MS = 2000;

/**
 * Claims and marks outbox rows in one statement, publishes them to their topics, then commits,
 * all in one database transaction that holds the rows (SKIP LOCKED, so several relays split the
 * work). A crash or a failed publish before commit rolls the mark back: the rows go out again
 * with the same event ids — at least once, and consumers dedupe by id.
 */
@Injectable()
export class OutboxRelayService implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(OutboxRelayService.name);
  private loop: BackgroundLoop | undefined;

  constructor(
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(OutboxRepository) private readonly outbox: OutboxRepository,
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Rows are known to wait (a commit woke us, or the last pass filled a batch): no need to look first. */
  private rowsWaiting = false;

  onApplicationBootstrap(): void {
    this.loop = startBackgroundLoop(() => this.pass(), {
      errorPauseMs: ERROR_BACKOFF_MS,
      logger: this.logger,
      what: 'outbox relay pass',
    });
  }

  /** Rows were just committed: publish them now rather than at the next poll. */
  wake(): void {
    this.rowsWaiting = true;
    this.loop?.wake();
  }

  /**
   * One poll. Most polls find nothing: one autocommit read says so, where opening a transaction
   * to claim nothing costs three statements (begin, claim, commit) twenty times a second.
   */
  private async pass(): Promise<number> {
    const known = this.rowsWaiting;
    this.rowsWaiting = false;
    if (!known && !(await this.outbox.hasUnpublished())) return IDLE_POLL_MS;
    if ((await this.relayOnce()) < BATCH_SIZE) return IDLE_POLL_MS;
    this.rowsWaiting = true;
    return 0;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }

  /** One pass: returns how many rows were published. */
  relayOnce(): Promise<number> {
    return this.transactions.run(async (transaction) => {
      const messages = await this.outbox.claimAndMarkPublished(transaction, BATCH_SIZE, this.clock.now());
      if (!messages.length) return 0;
      for (const [topic, group] of groupByTopic(messages)) {
        await this.transport.publish(
          topic,
          group.map((message) => ({
            key: message.key,
            value: JSON.stringify(message.payload),
            headers: { 'ce-id': message.eventId },
          })),
          // The PostgreSQL event log appends in this transaction: published and marked commit together.
          { transaction },
        );
      }
      return messages.length;
    });
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
