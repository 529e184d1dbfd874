import { randomUUID } from 'node:crypto';
import { waitFor } from '@inner-circle/dev-services/wait-for';
import { buildDeadLetterHeaders, DeadLetterHeaders } from '@inner-circle/contracts';
import pg from 'pg';
import type { IncomingMessage } from '../src/event-transport.js';
import { isolatePoison } from '../src/isolate-poison.js';
import { KafkaTransport } from '../src/kafka/kafka-transport.js';

// Real broker and real PostgreSQL (test/global-setup.mjs). The handler is test-only: it writes
// rows into a table whose CHECK constraint refuses negative values, the way the worker's
// handler writes interactions into columns with limits.
const brokers = (process.env.TEST_KAFKA_BROKERS ?? '').split(',').filter(Boolean);
const databaseUrl = process.env.TEST_DATABASE_URL!;

describe('a batch the database refuses, on a real broker and PostgreSQL', () => {
  let transport: KafkaTransport;
  let pool: pg.Pool;
  const table = `poison_probe_${randomUUID().slice(0, 8)}`;

  beforeAll(async () => {
    pool = new pg.Pool({ connectionString: databaseUrl, max: 2 });
    await pool.query(`CREATE TABLE ${table} (id int PRIMARY KEY, value int NOT NULL CHECK (value >= 0))`);
    transport = new KafkaTransport({
      brokers,
      clientId: 'isolate-poison-it',
      consumer: { sessionTimeoutMs: 6000, heartbeatIntervalMs: 500, maxWaitTimeMs: 200 },
    });
    await transport.connect();
  });

  afterAll(async () => {
    await transport.disconnect();
    await pool.end();
  });

  it('dead-letters exactly the refused messages, applies all others once, in about log2(n) rounds', async () => {
    const topic = `it-poison-${randomUUID().slice(0, 8)}`;
    const deadLetterTopic = `${topic}-dlq`;
    await transport.ensureTopics([
      { topic, partitions: 1 },
      { topic: deadLetterTopic, partitions: 1 },
    ]);
    const total = 400;
    const poisonIds = new Set([137, 301]);
    await transport.publish(
      topic,
      Array.from({ length: total }, (_, id) => ({
        key: 'one-key',
        value: JSON.stringify({ id, value: poisonIds.has(id) ? -1 : id }),
      })),
    );

    const figures = { batches: 0, messages: 0, rounds: 0, statements: 0, refusedBatches: 0 };
    const perBatchBoundsHeld: boolean[] = [];
    const apply = async (chunk: IncomingMessage[]): Promise<void> => {
      const rows = chunk.map((m) => JSON.parse(m.value!.toString()) as { id: number; value: number });
      const client = await pool.connect();
      try {
        figures.statements += 3;
        await client.query('BEGIN');
        await client.query(
          `INSERT INTO ${table} (id, value) SELECT * FROM unnest($1::int[], $2::int[]) ON CONFLICT (id) DO NOTHING`,
          [rows.map((r) => r.id), rows.map((r) => r.value)],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      } finally {
        client.release();
      }
    };
    const isCheckViolation = (error: unknown): boolean => (error as { code?: string }).code === '23514';

    const consumer = transport.createConsumer({
      groupId: `poison-${randomUUID()}`,
      topics: [topic],
      fromBeginning: true,
      maxBatchSize: 200,
    });
    await consumer.run(async (batch) => {
      const outcome = await isolatePoison(batch.messages, apply, isCheckViolation);
      figures.batches += 1;
      figures.messages += batch.messages.length;
      figures.rounds += outcome.rounds;
      if (outcome.rejected.length) figures.refusedBatches += 1;
      const n = batch.messages.length;
      const bound = 1 + 2 * outcome.rejected.length * Math.ceil(Math.log2(n));
      perBatchBoundsHeld.push(outcome.rounds <= bound);
      await transport.publish(
        deadLetterTopic,
        outcome.rejected.map(({ item, error }) => ({
          key: item.key ?? '',
          value: item.value ?? '',
          headers: buildDeadLetterHeaders({
            originalTopic: item.topic,
            originalPartition: item.partition,
            originalOffset: item.offset,
            errorClass: 'REJECTED_BY_DATABASE',
            errorMessage: (error as Error).message,
            failedAt: new Date(),
          }),
        })),
      );
    });

    const parked: IncomingMessage[] = [];
    const reader = transport.createConsumer({
      groupId: `poison-reader-${randomUUID()}`,
      topics: [deadLetterTopic],
      fromBeginning: true,
    });
    await reader.run((batch) => Promise.resolve(void parked.push(...batch.messages)));
    try {
      await waitFor(
        async () => {
          const { rows } = await pool.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
          return rows[0].n === total - poisonIds.size && parked.length >= poisonIds.size ? true : undefined;
        },
        'the good rows applied and the poison parked',
        60_000,
      );
    } finally {
      await Promise.all([consumer.stop(), reader.stop()]);
    }

    const { rows } = await pool.query<{ id: number }>(`SELECT id FROM ${table} ORDER BY id`);
    expect(rows.map((r) => r.id)).toEqual(
      Array.from({ length: total }, (_, id) => id).filter((id) => !poisonIds.has(id)),
    );
    // At least once: a redelivered batch may park a message twice, never another one.
    const parkedIds = new Set(parked.map((m) => (JSON.parse(m.value!.toString()) as { id: number }).id));
    expect([...parkedIds].sort((a, b) => a - b)).toEqual([...poisonIds]);
    for (const message of parked) {
      expect(message.headers[DeadLetterHeaders.errorClass]).toBe('REJECTED_BY_DATABASE');
      expect(message.headers[DeadLetterHeaders.errorMessage]).toMatch(/check constraint/);
      expect(message.headers[DeadLetterHeaders.originalTopic]).toBe(topic);
      expect(message.headers[DeadLetterHeaders.originalOffset]).toMatch(/^\d+$/);
    }
    // Counted, not timed: each refused batch of n took at most 1 + 2·k·⌈log2 n⌉ transactions,
    // far fewer than the one-at-a-time replay (n + 1 per refused batch).
    expect(perBatchBoundsHeld.every(Boolean)).toBe(true);
    expect(figures.rounds).toBeLessThan(figures.messages / 4);
    process.stdout.write(`poison bisect figures: ${JSON.stringify(figures)}\n`);
  });
});
