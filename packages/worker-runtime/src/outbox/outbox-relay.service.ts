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

/**
 * Rows per pass. A pass costs three statements (begin, claim-and-mark, commit) whatever its size,
 * and one ingest commit of a busy partition brings up to a few hundred tier changes: at 200 such
 * a commit took two or three passes (the last often claiming nothing). A thousand is still one
 * modest produce request (≈ 0.5 MB) and one short transaction.
 */
export const RELAY_BATCH_SIZE = 1000;
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

  /**
   * Rows are known to wait that no claim has covered yet (a commit woke us, or the last pass
   * filled a batch): no need to look first. Cleared just before a claim is sent: a commit that
   * woke us before that is visible to the claim's snapshot, so only wakes after it need a new pass.
   */
  private rowsWaiting = false;

  onApplicationBootstrap(): void {
    this.loop = startBackgroundLoop(() => this.pass(), {
      errorPauseMs: ERROR_BACKOFF_MS,
      logger: this.logger,
      what: 'outbox relay pass',
    });
  }

  /**
   * Rows were just committed: publish them now rather than at the next poll. Wakes that arrive
   * while a wake is pending (a pass that has not sent its claim yet) are covered by that claim;
   * wakes during the rest of a pass make one more pass, however many they are.
   */
  wake(): void {
    if (this.rowsWaiting) return;
    this.rowsWaiting = true;
    this.loop?.wake();
  }

  /**
   * One poll. Most polls find nothing: one autocommit read says so, where opening a transaction
   * to claim nothing costs three statements (begin, claim, commit) twenty times a second.
   */
  private async pass(): Promise<number> {
    // No linger after a wake: with a 5 ms one, passes stayed at 0.97-1.00 per ingest commit in
    // every bench run (bench/README.md, round 4): the commits of one business's partitions queue
    // on its tier rows and land further apart. One long enough to catch them delays every tier change.
    if (!this.rowsWaiting && !(await this.outbox.hasUnpublished())) return IDLE_POLL_MS;
    if ((await this.relayOnce()) < RELAY_BATCH_SIZE) return this.rowsWaiting ? 0 : IDLE_POLL_MS;
    this.rowsWaiting = true;
    return 0;
  }

  async beforeApplicationShutdown(): Promise<void> {
    await this.loop?.stop();
  }

  /** One pass: returns how many rows were published. */
  relayOnce(): Promise<number> {
    return this.transactions.run(async (transaction) => {
      // Synchronously before the claim is sent: every commit that woke us so far is in its snapshot.
      this.rowsWaiting = false;
      const messages = await this.outbox.claimAndMarkPublished(
        transaction,
        RELAY_BATCH_SIZE,
        this.clock.now(),
      );
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
