import { randomUUID } from 'node:crypto';
import { type EventTransport, type IncomingMessage, KafkaTransport } from '@inner-circle/messaging';
import { systemClock } from '@inner-circle/nest-runtime';
import { createDataSource, OutboxRepository, TransactionRunner } from '@inner-circle/persistence';
import type { DataSource } from 'typeorm';
import { OutboxRelayService } from '../src/outbox/outbox-relay.service';

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
});
