import { randomUUID } from 'node:crypto';
import { type EventTransport, type IncomingMessage, KafkaTransport } from '@inner-circle/messaging';
import { systemClock } from '@inner-circle/nest-runtime';
import {
  createDataSource,
  type NewOutboxMessage,
  type OutboxMessage,
  OutboxRepository,
  type Transaction,
  TransactionRunner,
} from '@inner-circle/persistence';
import { waitFor } from '@inner-circle/dev-services/wait-for';
import type { DataSource } from 'typeorm';
import { OutboxRelayService } from '../src/outbox/outbox-relay.service';

/**
 * The real outbox, with two changes for the relay's own loop: the first claim holds its pass
 * (rows locked, nothing committed) until the test releases it, so commits can land during a
 * pass; and polls see nothing, so only wakes start a pass — a lost wake leaves rows behind.
 */
class HeldFirstPassOutbox extends OutboxRepository {
  claims = 0;
  readonly held: Promise<void>;
  release: () => void = () => undefined;
  private enter: () => void = () => undefined;
  private readonly gate: Promise<void>;

  constructor(dataSource: DataSource) {
    super(dataSource);
    this.held = new Promise((resolve) => (this.enter = resolve));
    this.gate = new Promise((resolve) => (this.release = resolve));
  }

  override async claimAndMarkPublished(
    transaction: Transaction,
    limit: number,
    at: Date,
  ): Promise<OutboxMessage[]> {
    const claimed = await super.claimAndMarkPublished(transaction, limit, at);
    if (++this.claims === 1) {
      this.enter();
      await this.gate;
    }
    return claimed;
  }

  override hasUnpublished(): Promise<boolean> {
    return Promise.resolve(false);
  }
}

function outboxEvents(topic: string, commit: number, count: number): NewOutboxMessage[] {
  return Array.from({ length: count }, (_, i) => ({
    eventId: randomUUID(),
    topic,
    key: `customer-${commit}-${i}`,
    payload: { id: `event-${commit}-${i}` },
  }));
}

/**
 * A transport that dies right after its first publish to `topic` reached the broker, before the
 * relay commits (other tests' rows in the shared table may go out first, to their own topics).
 */
function crashAfterFirstPublish(transport: EventTransport, topic: string): EventTransport {
  let crashed = false;
  return Object.assign(Object.create(transport) as EventTransport, {
    async publish(...args: Parameters<EventTransport['publish']>): Promise<void> {
      await transport.publish(...args);
      if (crashed || args[0] !== topic) return;
      crashed = true;
      throw new Error('relay killed between publish and commit');
    },
  });
}

describe('outbox relay on a real Kafka broker and real PostgreSQL', () => {
  const brokers = process.env.TEST_KAFKA_BROKERS!.split(',');
  let dataSource: DataSource;
  let transport: KafkaTransport;

  beforeAll(async () => {
    dataSource = createDataSource({ url: process.env.TEST_DATABASE_URL!, poolSize: 4 });
    await dataSource.initialize();
    transport = new KafkaTransport({ brokers, clientId: 'outbox-relay-test' });
    await transport.connect();
  });

  afterAll(async () => {
    await transport.disconnect();
    await dataSource.destroy();
  });

  it('publishes again with the same event ids after dying between publish and commit; nothing is missed', async () => {
    const topic = `outbox-test-${randomUUID()}`;
    await transport.ensureTopics([{ topic, partitions: 2 }]);
    const events = Array.from({ length: 5 }, (_, i) => ({
      eventId: randomUUID(),
      topic,
      key: `customer-${i}`,
      payload: { id: `event-${i}`, n: i },
    }));
    const transactions = new TransactionRunner(dataSource);
    await transactions.run((tx) => new OutboxRepository(dataSource).add(tx, events));

    const firstRelay = new OutboxRelayService(
      transactions,
      new OutboxRepository(dataSource),
      crashAfterFirstPublish(transport, topic),
      systemClock,
    );
    // Other tests' rows may come first in the shared table: pass until this test's rows went out once.
    let crashed = false;
    for (let pass = 0; pass < 20 && !crashed; pass++) {
      await firstRelay.relayOnce().catch((error: Error) => {
        if (!error.message.includes('relay killed')) throw error;
        crashed = true;
      });
    }
    expect(crashed).toBe(true);
    const secondRelay = new OutboxRelayService(
      transactions,
      new OutboxRepository(dataSource),
      transport,
      systemClock,
    );
    // Other tests' rows may share the table; relay until this test's rows are all marked.
    for (let pass = 0; pass < 20; pass++) if ((await secondRelay.relayOnce()) === 0) break;

    const unpublished: { count: number }[] = await dataSource.query(
      'SELECT count(*)::int AS count FROM outbox WHERE event_id = ANY($1::uuid[]) AND published_at IS NULL',
      [events.map((e) => e.eventId)],
    );
    expect(unpublished[0].count).toBe(0);

    const received: IncomingMessage[] = [];
    const consumer = transport.createConsumer({
      groupId: `outbox-reader-${randomUUID()}`,
      topics: [topic],
      fromBeginning: true,
    });
    await consumer.run((batch) => {
      received.push(...batch.messages);
      return Promise.resolve();
    });
    try {
      const deadline = Date.now() + 30_000;
      while (received.length < events.length * 2 && Date.now() < deadline)
        await new Promise((r) => setTimeout(r, 100));
    } finally {
      await consumer.stop();
    }
    const ids = received.map((message) => message.headers['ce-id']);
    // Every event went out twice (before the crash and after), each time under its own stable id.
    expect(ids.sort()).toEqual([...events, ...events].map((e) => e.eventId).sort());
    const bodies = received.map((message) => JSON.parse(message.value!.toString()) as { id: string });
    expect(new Set(bodies.map((body) => body.id))).toEqual(new Set(events.map((e) => e.payload.id)));
  });

  /** Every `ce-id` on `topic` from its beginning, once at least `expected` messages arrived. */
  async function readIds(topic: string, expected: number): Promise<string[]> {
    const received: IncomingMessage[] = [];
    const consumer = transport.createConsumer({
      groupId: `outbox-reader-${randomUUID()}`,
      topics: [topic],
      fromBeginning: true,
    });
    await consumer.run((batch) => {
      received.push(...batch.messages);
      return Promise.resolve();
    });
    try {
      await waitFor(
        () => Promise.resolve(received.length >= expected ? true : undefined),
        `${expected} messages on ${topic}`,
        60_000,
      );
    } finally {
      await consumer.stop();
    }
    return received.map((message) => message.headers['ce-id']);
  }

  async function unpublishedOf(events: NewOutboxMessage[]): Promise<number> {
    const [row]: { count: number }[] = await dataSource.query(
      'SELECT count(*)::int AS count FROM outbox WHERE event_id = ANY($1::uuid[]) AND published_at IS NULL',
      [events.map((e) => e.eventId)],
    );
    return row.count;
  }

  it('coalesces the wakes of commits that land during a pass into one more pass, and publishes every event', async () => {
    const topic = `outbox-test-${randomUUID()}`;
    await transport.ensureTopics([{ topic, partitions: 2 }]);
    const transactions = new TransactionRunner(dataSource);
    const outbox = new HeldFirstPassOutbox(dataSource);
    const relay = new OutboxRelayService(transactions, outbox, transport, systemClock);
    const first = outboxEvents(topic, 0, 3);
    await transactions.run((tx) => outbox.add(tx, first));
    relay.onApplicationBootstrap();
    try {
      relay.wake();
      await outbox.held; // the first pass has claimed and holds its transaction open
      const later: NewOutboxMessage[] = [];
      for (let commit = 1; commit <= 5; commit++) {
        const events = outboxEvents(topic, commit, 4);
        await transactions.run((tx) => outbox.add(tx, events));
        later.push(...events);
        relay.wake(); // as the handler does after each ingest commit
      }
      outbox.release();
      const all = [...first, ...later];
      await waitFor(
        async () => ((await unpublishedOf(all)) === 0 ? true : undefined),
        'every event marked published',
        60_000,
      );
      const ids = await readIds(topic, all.length);
      expect(new Set(ids)).toEqual(new Set(all.map((e) => e.eventId)));
    } finally {
      outbox.release();
      await relay.beforeApplicationShutdown();
    }
    // The held pass, then one pass for the five commits that woke the relay during it.
    expect(outbox.claims).toBe(2);
  });

  it('republishes every event of a coalesced pass with the same ids after dying before its commit', async () => {
    const topic = `outbox-test-${randomUUID()}`;
    await transport.ensureTopics([{ topic, partitions: 2 }]);
    const transactions = new TransactionRunner(dataSource);
    const events = [1, 2, 3].flatMap((commit) => outboxEvents(topic, commit, 3));
    // Three commits before the relay looks: one pass carries them all, then dies before committing.
    for (let commit = 0; commit < 3; commit++)
      await transactions.run((tx) =>
        new OutboxRepository(dataSource).add(tx, events.slice(commit * 3, commit * 3 + 3)),
      );
    const dying = new OutboxRelayService(
      transactions,
      new OutboxRepository(dataSource),
      crashAfterFirstPublish(transport, topic),
      systemClock,
    );
    let crashed = false;
    for (let pass = 0; pass < 20 && !crashed; pass++) {
      await dying.relayOnce().catch((error: Error) => {
        if (!error.message.includes('relay killed')) throw error;
        crashed = true;
      });
    }
    expect(crashed).toBe(true);
    expect(await unpublishedOf(events)).toBe(events.length);

    const restarted = new OutboxRelayService(
      transactions,
      new OutboxRepository(dataSource),
      transport,
      systemClock,
    );
    restarted.onApplicationBootstrap();
    try {
      restarted.wake();
      await waitFor(
        async () => ((await unpublishedOf(events)) === 0 ? true : undefined),
        'every event marked published after the restart',
        60_000,
      );
    } finally {
      await restarted.beforeApplicationShutdown();
    }
    const ids = await readIds(topic, events.length * 2);
    expect(ids.sort()).toEqual([...events, ...events].map((e) => e.eventId).sort());
  });
});
