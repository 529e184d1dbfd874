/* eslint-disable @typescript-eslint/require-await -- handlers are async by contract; many test ones have nothing to await */
import { randomUUID } from 'node:crypto';
import { migrateDatabase } from '@inner-circle/persistence';
import { waitFor } from '@inner-circle/dev-services/wait-for';
import pg from 'pg';
import type { EventConsumer, IncomingMessage } from '../src/event-transport.js';
import { TransientError } from '../src/is-transient-error.js';
import { partitionForKey } from '../src/partition-for-key.js';
import { PostgresTransport, UnknownTopicError } from '../src/postgres/postgres-transport.js';

// Runs against the real PostgreSQL started by test/global-setup.mjs. No mocks.
const url = process.env.TEST_DATABASE_URL ?? '';
const fastRetry = { initialDelayMs: 20, maxDelayMs: 100, jitter: 0 };

function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

function text(message: IncomingMessage): string {
  return message.value?.toString('utf8') ?? '';
}

describe('PostgresTransport (real PostgreSQL)', () => {
  let transport: PostgresTransport;
  let sql: pg.Pool;
  const consumers: EventConsumer[] = [];

  beforeAll(async () => {
    expect(url).not.toBe('');
    await migrateDatabase(url);
    sql = new pg.Pool({ connectionString: url, max: 2 });
    transport = new PostgresTransport({
      connectionString: url,
      idlePollMs: 100,
      clock: { now: () => new Date() },
    });
    await transport.connect();
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
  });

  afterAll(async () => {
    await transport.disconnect();
    await sql.end();
  });

  async function collect(
    groupId: string,
    topics: string[],
    into: IncomingMessage[],
    via: PostgresTransport = transport,
  ): Promise<EventConsumer> {
    const consumer = via.createConsumer({ groupId, topics, fromBeginning: true, retry: fastRetry });
    consumers.push(consumer);
    await consumer.run(async (batch) => {
      into.push(...batch.messages);
    });
    return consumer;
  }

  it('delivers every message once, in order per key, each batch from one partition', async () => {
    const topic = unique('order');
    await transport.ensureTopics([{ topic, partitions: 4 }]);
    const keys = Array.from({ length: 10 }, (_, i) => `customer-${i}`);
    for (let round = 0; round < 30; round++)
      await transport.publish(
        topic,
        keys.map((key) => ({ key, value: `${key}:${round}`, headers: { round: String(round) } })),
      );
    const seen: IncomingMessage[] = [];
    await collect(unique('g'), [topic], seen);
    await waitFor(async () => (seen.length >= 300 ? true : undefined), '300 messages');
    expect(seen).toHaveLength(300);
    for (const key of keys) {
      const rounds = seen.filter((m) => m.key === key).map((m) => Number(text(m).split(':')[1]));
      expect(rounds).toEqual(Array.from({ length: 30 }, (_, i) => i));
      expect(new Set(seen.filter((m) => m.key === key).map((m) => m.partition))).toEqual(
        new Set([partitionForKey(key, 4)]),
      );
    }
    expect(seen[0].headers).toEqual({ round: '0' });
  });

  it("appends in the caller's transaction: nothing on rollback, everything on commit", async () => {
    const topic = unique('tx');
    await transport.ensureTopics([{ topic, partitions: 2 }]);
    const client = await sql.connect();
    try {
      await client.query('BEGIN');
      await transport.publish(topic, [{ key: 'a', value: 'rolled back' }], { transaction: client });
      await client.query('ROLLBACK');
      await client.query('BEGIN');
      await transport.publish(topic, [{ key: 'a', value: 'committed' }], { transaction: client });
      await client.query('COMMIT');
    } finally {
      client.release();
    }
    const seen: IncomingMessage[] = [];
    await collect(unique('g'), [topic], seen);
    await waitFor(async () => (seen.length ? true : undefined), 'the committed message');
    const marker = unique('marker');
    await transport.publish(topic, [{ key: 'a', value: marker }]);
    await waitFor(async () => (seen.some((m) => text(m) === marker) ? true : undefined), 'the marker');
    expect(seen.map(text)).toEqual(['committed', marker]);
  });

  it('resumes a group where it stopped, and a new member of it shares the partitions without duplicates', async () => {
    const topic = unique('resume');
    const groupId = unique('g');
    await transport.ensureTopics([{ topic, partitions: 3 }]);
    await transport.publish(
      topic,
      Array.from({ length: 60 }, (_, i) => ({ key: `k${i % 7}`, value: `first-${i}` })),
    );
    const first: IncomingMessage[] = [];
    const one = await collect(groupId, [topic], first);
    await waitFor(async () => (first.length >= 60 ? true : undefined), 'the first 60');
    await one.stop();

    // A second transport stands for a second process on the same database.
    const other = new PostgresTransport({
      connectionString: url,
      idlePollMs: 100,
      clock: { now: () => new Date() },
    });
    await other.connect();
    try {
      const second: IncomingMessage[] = [];
      await collect(groupId, [topic], second);
      await collect(groupId, [topic], second, other);
      await transport.publish(
        topic,
        Array.from({ length: 300 }, (_, i) => ({ key: `k${i % 7}`, value: `second-${i}` })),
      );
      await waitFor(async () => (second.length >= 300 ? true : undefined), 'the next 300');
      await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
      expect(second.map(text).sort()).toEqual(Array.from({ length: 300 }, (_, i) => `second-${i}`).sort());
      expect(first).toHaveLength(60);
    } finally {
      await other.disconnect();
    }
  });

  it('delivers a failing batch again until it succeeds, and records the position in the handler transaction', async () => {
    const topic = unique('retry');
    const groupId = unique('g');
    await transport.ensureTopics([{ topic, partitions: 1 }]);
    await sql.query('CREATE TABLE IF NOT EXISTS retry_effects (value text PRIMARY KEY)');
    await transport.publish(topic, [
      { key: 'a', value: unique('v') },
      { key: 'a', value: unique('v') },
    ]);
    let attempts = 0;
    const consumer = transport.createConsumer({
      groupId,
      topics: [topic],
      fromBeginning: true,
      retry: fastRetry,
    });
    consumers.push(consumer);
    await consumer.run(async (batch, context) => {
      attempts++;
      if (attempts < 3) throw new TransientError('not yet');
      const client = await sql.connect();
      try {
        await client.query('BEGIN');
        await client.query('INSERT INTO retry_effects SELECT unnest($1::text[])', [batch.messages.map(text)]);
        await context.commitPosition!(client);
        await client.query('COMMIT');
      } finally {
        client.release();
      }
    });
    const { rows } = await waitFor(async () => {
      const result = await sql.query<{ next_offset: string }>(
        'SELECT next_offset FROM event_consumer_positions WHERE group_id = $1',
        [groupId],
      );
      return result.rows[0]?.next_offset === '2' ? result : undefined;
    }, 'the position after the batch');
    expect(rows).toEqual([{ next_offset: '2' }]);
    expect(attempts).toBe(3);
  });

  it('keeps an unread topic for the retention time, and deletes what every group has consumed', async () => {
    const unread = unique('unread');
    const read = unique('read');
    await transport.ensureTopics([
      { topic: unread, partitions: 1 },
      { topic: read, partitions: 1 },
    ]);
    await transport.publish(unread, [{ key: 'a', value: 'kept for a while' }]);
    await transport.publish(read, [{ key: 'a', value: 'consumed' }]);
    const seen: IncomingMessage[] = [];
    const consumer = await collect(unique('g'), [read], seen);
    await waitFor(async () => (seen.length ? true : undefined), 'the read topic consumed');
    await consumer.stop();

    const count = async (topic: string): Promise<number> =>
      (
        await sql.query<{ count: number }>('SELECT count(*)::int AS count FROM event_log WHERE topic = $1', [
          topic,
        ])
      ).rows[0].count;
    await transport.sweepRetention(new Date());
    expect(await count(read)).toBe(0);
    expect(await count(unread)).toBe(1);
    await transport.sweepRetention(new Date(Date.now() + transport.retentionMs + 60_000));
    expect(await count(unread)).toBe(0);
  });

  it('refuses a topic that was never created', async () => {
    await expect(transport.publish(unique('nope'), [{ key: 'a', value: 'x' }])).rejects.toBeInstanceOf(
      UnknownTopicError,
    );
  });
});
