import { waitFor } from '@inner-circle/dev-services/wait-for';
import { randomUUID } from 'node:crypto';
import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { Test } from '@nestjs/testing';
import { loadConfig } from '@inner-circle/config';
import {
  buildInteractionRecordedV1Event,
  DeadLetterHeaders,
  interactionKey,
  type InteractionRecordedV1Payload,
  Topics,
} from '@inner-circle/contracts';
import { type IncomingMessage, KafkaTransport } from '@inner-circle/messaging';
import { computeScore, defaultScoringSettings, InteractionType } from '@inner-circle/domain';
import { BusinessRepository, CustomerRepository } from '@inner-circle/persistence';
import { DataSource } from 'typeorm';
import { WorkerAppModule } from '../src/worker-app.module';

describe('worker on a real Kafka broker and real PostgreSQL', () => {
  const brokers = process.env.TEST_KAFKA_BROKERS!.split(',');
  const databaseUrl = process.env.TEST_DATABASE_URL!;
  let app: NestFastifyApplication;
  let producer: KafkaTransport;
  let businessId: string;

  const event = (customerRef: string, id: string, occurredAt: string, amount = 42): string => {
    const payload = {
      businessId,
      customerRef,
      interaction: { id, type: 'PURCHASE', occurredAt, amount, currency: 'EUR' },
    } as InteractionRecordedV1Payload;
    return JSON.stringify(
      buildInteractionRecordedV1Event(payload, { id: randomUUID(), source: 'test', time: new Date() }),
    );
  };

  beforeAll(async () => {
    const config = loadConfig({
      DATABASE_URL: databaseUrl,
      KAFKA_BROKERS: brokers.join(','),
      KAFKA_CONSUMER_GROUP: `worker-test-${randomUUID()}`,
      KAFKA_TOPIC_PARTITIONS: '3',
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
    });
    const moduleRef = await Test.createTestingModule({
      imports: [WorkerAppModule.forRoot({ ...config, database: { ...config.database, url: databaseUrl } })],
    }).compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(new FastifyAdapter());
    await app.listen({ port: 0, host: '127.0.0.1' });
    businessId = (await app.get(BusinessRepository).create({ name: 'Kafka café' })).id;
    producer = new KafkaTransport({ brokers, clientId: 'worker-test-producer' });
    await producer.connect();
  });

  afterAll(async () => {
    await producer.disconnect();
    await app.close();
  });

  it('consumes an interaction from Kafka and its effect is visible in PostgreSQL, once per id', async () => {
    const key = interactionKey(businessId, 'alice');
    const first = event('alice', 'order-1', '2026-11-20T10:00:00Z');
    // The same interaction delivered twice must count once.
    await producer.publish(Topics.interactions, [
      { key, value: first },
      { key, value: event('alice', 'order-1', '2026-11-20T10:00:00Z') },
    ]);
    const customers = app.get(CustomerRepository);
    const scored = await waitFor(async () => {
      const row = await customers.findScore(businessId, 'alice');
      return row && row.score > 0 ? row : undefined;
    }, 'alice to be scored');

    // The next week: the first order used up its week's spending cap; a new week is a return.
    await producer.publish(Topics.interactions, [
      { key, value: event('alice', 'order-2', '2026-11-24T10:00:00Z') },
    ]);
    const rescored = await waitFor(async () => {
      const row = await customers.findScore(businessId, 'alice');
      return row && row.score > scored.score ? row : undefined;
    }, 'the second order to count');

    // Exactly the two distinct orders count, as the domain computes them from scratch.
    const order = (id: string, occurredAt: string) => ({
      id,
      type: InteractionType.PURCHASE,
      occurredAt: new Date(occurredAt),
      amount: 42,
      currency: 'EUR',
    });
    const settings = { ...defaultScoringSettings, timeZone: 'UTC' };
    const expected = computeScore(
      [order('order-1', '2026-11-20T10:00:00Z'), order('order-2', '2026-11-24T10:00:00Z')],
      settings,
      new Date('2026-11-24T10:00:00Z'),
    );
    expect(scored.score).toBeCloseTo(
      computeScore([order('order-1', '2026-11-20T10:00:00Z')], settings, new Date('2026-11-20T10:00:00Z')),
      9,
    );
    expect(rescored.score).toBeCloseTo(expected, 9);
  });

  it('gives the same score whatever order the events arrive in', async () => {
    const days = ['2026-11-01T09:00:00Z', '2026-11-08T09:00:00Z', '2026-11-15T09:00:00Z'];
    const inOrder = days.map((day, i) => event('in-order', `in-${i}`, day, 20 + i * 15));
    const shuffled = [2, 0, 1].map((i) => event('shuffled', `sh-${i}`, days[i], 20 + i * 15));
    // Separate publishes keep each customer's arrival order as written.
    for (const value of inOrder)
      await producer.publish(Topics.interactions, [{ key: interactionKey(businessId, 'in-order'), value }]);
    for (const value of shuffled)
      await producer.publish(Topics.interactions, [{ key: interactionKey(businessId, 'shuffled'), value }]);
    const customers = app.get(CustomerRepository);
    const [a, b] = await waitFor(async () => {
      const [ordered, reordered] = await Promise.all([
        customers.findScore(businessId, 'in-order'),
        customers.findScore(businessId, 'shuffled'),
      ]);
      const [count]: { n: number }[] = await app
        .get(DataSource)
        .query(
          `SELECT count(*)::int AS n FROM interactions WHERE business_id = $1 AND (id LIKE 'in-%' OR id LIKE 'sh-%')`,
          [businessId],
        );
      return count?.n === 6 && ordered && reordered ? [ordered, reordered] : undefined;
    }, 'both customers to have their three events');
    expect(a.score).toBeGreaterThan(0);
    expect(b.score).toBeCloseTo(a.score, 9);
  });

  it('dead-letters a poison message with its headers while the next good message is processed', async () => {
    const key = interactionKey(businessId, 'bob');
    const poisonKey = `${businessId}:poison-${randomUUID()}`;
    await producer.publish(Topics.interactions, [
      { key: poisonKey, value: '{"this is": not json' },
      { key, value: event('bob', 'visit-1', '2026-11-22T10:00:00Z') },
    ]);

    const dlq = new KafkaTransport({ brokers, clientId: 'worker-test-dlq' });
    await dlq.connect();
    const seen: IncomingMessage[] = [];
    const consumer = dlq.createConsumer({
      groupId: `dlq-reader-${randomUUID()}`,
      topics: [Topics.interactionsDeadLetter],
      fromBeginning: true,
    });
    await consumer.run((batch) => {
      seen.push(...batch.messages);
      return Promise.resolve();
    });
    try {
      const parked = await waitFor(
        () => Promise.resolve(seen.find((m) => m.key === poisonKey)),
        'the dead-lettered message',
      );
      expect(parked.value?.toString()).toBe('{"this is": not json');
      expect(parked.headers[DeadLetterHeaders.originalTopic]).toBe(Topics.interactions);
      expect(parked.headers[DeadLetterHeaders.errorClass]).toBe('MALFORMED_JSON');
      expect(Number(parked.headers[DeadLetterHeaders.originalPartition])).toBeGreaterThanOrEqual(0);
      expect(parked.headers[DeadLetterHeaders.originalOffset]).toMatch(/^\d+$/);
    } finally {
      await consumer.stop();
      await dlq.disconnect();
    }
    await waitFor(async () => {
      const row = await app.get(CustomerRepository).findScore(businessId, 'bob');
      return row && row.score > 0 ? row : undefined;
    }, 'bob to be scored after the poison message');
  });

  it('parks what can never be applied, and applies the rest of the batch', async () => {
    const tooBig = `${businessId}:too-big-${randomUUID()}`;
    const future = `${businessId}:future-${randomUUID()}`;
    await producer.publish(Topics.interactions, [
      // More than numeric(14,2) holds: the contract refuses it at the door now (before, PostgreSQL did,
      // after an ack). A row the database itself refuses is bisected out: see messaging's isolate-poison test.
      { key: tooBig, value: event('carol', 'huge-1', '2026-11-22T10:00:00Z', 1e13) },
      { key: future, value: event('carol', 'future-1', '2999-01-01T00:00:00Z') },
      { key: interactionKey(businessId, 'carol'), value: event('carol', 'fine-1', '2026-11-22T11:00:00Z') },
    ]);
    const parked = await readDeadLetters([tooBig, future]);
    expect(parked.get(tooBig)?.headers[DeadLetterHeaders.errorClass]).toBe('INVALID_PAYLOAD');
    expect(parked.get(future)?.headers[DeadLetterHeaders.errorClass]).toBe('OCCURRED_IN_FUTURE');
    await waitFor(async () => {
      const row = await app.get(CustomerRepository).findScore(businessId, 'carol');
      return row && row.score > 0 ? row : undefined;
    }, 'carol’s valid purchase to be scored');
  });

  async function readDeadLetters(keys: string[]): Promise<Map<string, IncomingMessage>> {
    const reader = new KafkaTransport({ brokers, clientId: 'worker-test-dlq-reader' });
    await reader.connect();
    const found = new Map<string, IncomingMessage>();
    const consumer = reader.createConsumer({
      groupId: `dlq-reader-${randomUUID()}`,
      topics: [Topics.interactionsDeadLetter],
      fromBeginning: true,
    });
    await consumer.run((batch) => {
      for (const message of batch.messages)
        if (message.key && keys.includes(message.key)) found.set(message.key, message);
      return Promise.resolve();
    });
    try {
      await waitFor(
        () => Promise.resolve(found.size === keys.length ? found : undefined),
        'the dead letters',
      );
      return found;
    } finally {
      await consumer.stop();
      await reader.disconnect();
    }
  }

  it('exposes Prometheus metrics that count what it consumed and dead-lettered', async () => {
    const response = await fetch(`${await app.getUrl()}/metrics`);
    const text = await response.text();
    expect(response.status).toBe(200);
    const consumed = /inner_circle_events_consumed_total\{topic="loyalty.interactions.v1"\} (\d+)/.exec(text);
    expect(Number(consumed?.[1])).toBeGreaterThanOrEqual(6);
    expect(text).toMatch(/inner_circle_events_dead_lettered_total\{error_class="MALFORMED_JSON"\} [1-9]/);
    expect(text).toMatch(/inner_circle_batch_duration_seconds_count [1-9]/);
    expect(text).toMatch(/inner_circle_consumer_lag\{topic="loyalty.interactions.v1",partition="\d+"\} \d+/);
  });

  it('reports the consumer in its readiness check', async () => {
    const response = await fetch(`${await app.getUrl()}/health/ready`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({
      info: {
        database: { status: 'up' },
        eventTransport: { status: 'up' },
        interactionConsumer: { status: 'up', running: true },
      },
    });
  });
});
