/* eslint-disable @typescript-eslint/require-await -- handlers are async by contract; many test ones have nothing to await */
import { randomUUID } from 'node:crypto';
import { waitFor as waitForValue } from '@inner-circle/dev-services/wait-for';
import type { BatchHandler, EventConsumer, IncomingMessage } from '../src/event-transport.js';
import { TransientError } from '../src/is-transient-error.js';
import type { TransportLogger } from '../src/transport-logger.js';
import { KafkaTransport } from '../src/kafka/kafka-transport.js';

// Runs against the real broker started by test/global-setup.mjs. No mocks.
const brokers = (process.env.TEST_KAFKA_BROKERS ?? '').split(',').filter(Boolean);
const fastRetry = { initialDelayMs: 50, maxDelayMs: 200, jitter: 0 };
const consumerTuning = {
  sessionTimeoutMs: 6000,
  heartbeatIntervalMs: 500,
  rebalanceTimeoutMs: 10_000,
  maxWaitTimeMs: 200,
};

function unique(prefix: string): string {
  return `${prefix}-${randomUUID().slice(0, 8)}`;
}

/** The shared poll-until-true, on in-memory conditions; generous: a loaded machine joins groups slowly. */
async function waitFor(condition: () => boolean, timeoutMs = 60_000, what = 'the condition'): Promise<void> {
  await waitForValue(() => Promise.resolve(condition() ? true : undefined), what, timeoutMs, 20);
}

function text(message: IncomingMessage): string {
  return message.value?.toString('utf8') ?? '';
}

describe('KafkaTransport (real broker)', () => {
  const logged: { level: string; msg?: string }[] = [];
  const record =
    (level: string) =>
    (_obj: object, msg?: string): void =>
      void logged.push({ level, msg });
  const logger: TransportLogger = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
  let transport: KafkaTransport;
  const consumers: EventConsumer[] = [];

  beforeAll(async () => {
    expect(brokers.length).toBeGreaterThan(0);
    transport = new KafkaTransport({
      brokers,
      clientId: 'messaging-integration',
      logger,
      consumer: consumerTuning,
    });
    await transport.connect();
    // A fresh broker creates and loads its offsets topic on the first group request and
    // answers "the coordinator is loading" meanwhile, which crashes and restarts a consumer
    // (a redelivery, and seconds lost). Join one throwaway group first, so every test starts
    // against a ready coordinator.
    const warmUpTopic = unique('it-warm-up');
    await transport.ensureTopics([{ topic: warmUpTopic, partitions: 1 }]);
    const warmUp = transport.createConsumer({ groupId: unique('warm-up'), topics: [warmUpTopic] });
    await warmUp.run(() => Promise.resolve());
    try {
      await waitFor(() => warmUp.health().fetching === true, 120_000, 'the group coordinator');
    } finally {
      await warmUp.stop();
    }
  }, 180_000);

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
  });

  afterAll(async () => {
    await transport.disconnect();
  });

  it('checks its connection: up against the broker, a clear rejection against a closed port', async () => {
    await expect(transport.checkConnection()).resolves.toBeUndefined();
    const unreachable = new KafkaTransport({
      brokers: ['127.0.0.1:1'],
      clientId: 'messaging-unreachable',
      connectionTimeoutMs: 300,
      clientRetry: { retries: 0 },
    });
    try {
      await expect(unreachable.checkConnection()).rejects.toThrow();
    } finally {
      await unreachable.disconnect();
    }
  });

  async function freshTopic(partitions = 3): Promise<string> {
    const topic = unique('it-topic');
    await transport.ensureTopics([{ topic, partitions }]);
    return topic;
  }

  async function start(
    groupId: string,
    topic: string,
    handler: BatchHandler,
    stallThresholdMs?: number,
  ): Promise<EventConsumer> {
    const consumer = transport.createConsumer({
      groupId,
      topics: [topic],
      fromBeginning: true,
      retry: fastRetry,
      stallThresholdMs,
    });
    consumers.push(consumer);
    await consumer.run(handler);
    return consumer;
  }

  it('publishes, consumes a batch with keys and headers, and commits: the same group then gets nothing old', async () => {
    const topic = await freshTopic();
    const groupId = unique('group');
    await transport.publish(topic, [
      { key: 'a', value: 'one', headers: { 'x-trace': 't1' } },
      { key: 'b', value: Buffer.from('two') },
    ]);
    const first: IncomingMessage[] = [];
    const c1 = await start(groupId, topic, async (batch) => {
      expect(batch.messages.every((m) => m.partition === batch.partition && m.topic === topic)).toBe(true);
      first.push(...batch.messages);
    });
    // At least once: a fresh broker's coordinator may restart the consumer and redeliver a batch.
    await waitFor(() => new Set(first.map(text)).size === 2);
    expect(first.find((m) => m.key === 'a')).toMatchObject({ headers: { 'x-trace': 't1' } });
    expect([...new Set(first.map(text))].sort()).toEqual(['one', 'two']);
    // lastError may hold a restartable kafkajs crash from the fresh broker's coordinator loading.
    expect(c1.health()).toMatchObject({ running: true, stalled: false });
    expect(c1.health().lastBatchAt).toBeInstanceOf(Date);
    await c1.stop();

    await transport.publish(topic, [{ key: 'a', value: 'three' }]);
    const second: string[] = [];
    await start(groupId, topic, async (batch) => void second.push(...batch.messages.map(text)));
    await waitFor(() => second.length >= 1);
    await new Promise((resolve) => setTimeout(resolve, 500)); // anything old would have arrived with it
    expect(second).toEqual(['three']);
  });

  it('retries a batch whose handler throws a transient error; nothing is lost or committed early', async () => {
    const topic = await freshTopic(1);
    const groupId = unique('group');
    await transport.publish(topic, [
      { key: 'k', value: 'm1' },
      { key: 'k', value: 'm2' },
    ]);
    const attempts: number[] = [];
    const done: string[] = [];
    const consumer = await start(groupId, topic, async (batch, context) => {
      attempts.push(context.attempt);
      if (context.attempt <= 2) throw new TransientError('database unavailable');
      done.push(...batch.messages.map(text));
    });
    await waitFor(() => new Set(done).size === 2);
    expect([...new Set(done)]).toEqual(['m1', 'm2']);
    expect(attempts.slice(0, 3)).toEqual([1, 2, 3]);
    expect(consumer.health()).toMatchObject({
      running: true,
      lastError: 'TransientError: database unavailable',
    });
    expect(logged.some((entry) => entry.level === 'warn' && entry.msg?.includes('transient'))).toBe(true);
  });

  it('keeps per-key order across partitions', async () => {
    const topic = await freshTopic(3);
    const keys = ['biz:alice', 'biz:bob', 'biz:carol', 'biz:dave'];
    const total = 120;
    for (let i = 0; i < total; i += 20) {
      await transport.publish(
        topic,
        Array.from({ length: 20 }, (_, j) => ({ key: keys[(i + j) % keys.length], value: String(i + j) })),
      );
    }
    const byKey = new Map<string, number[]>();
    const distinct = new Set<number>();
    await start(unique('group'), topic, async (batch) => {
      for (const message of batch.messages) {
        byKey.set(message.key!, [...(byKey.get(message.key!) ?? []), Number(text(message))]);
        distinct.add(Number(text(message)));
      }
    });
    // Delivery is at least once: a batch redelivered after a restart (a fresh broker's group
    // coordinator may still be loading) counts its messages twice, so wait for every distinct
    // value, never for an exact number of deliveries (that wait could never end).
    await waitFor(() => distinct.size === total, 60_000, `all ${total} messages`);
    for (const key of keys) {
      const expected = Array.from({ length: total }, (_, v) => v).filter(
        (v) => keys[v % keys.length] === key,
      );
      const received = byKey.get(key)!;
      // Per-key order: no message arrives before its predecessor has (a redelivery replays, never skips).
      const seen = new Set<number>();
      for (const value of received) {
        const index = expected.indexOf(value);
        if (index > 0) expect(seen.has(expected[index - 1])).toBe(true);
        seen.add(value);
      }
      expect([...new Set(received)]).toEqual(expected);
    }
  });

  it('reports fetching only while it is in its group and reading', async () => {
    const topic = await freshTopic(1);
    const consumer = transport.createConsumer({ groupId: unique('group'), topics: [topic] });
    consumers.push(consumer);
    expect(consumer.health().fetching).toBe(false);
    await consumer.run(() => Promise.resolve());
    await waitFor(() => consumer.health().fetching === true, 60_000, 'the first fetch');
    await consumer.stop();
    expect(consumer.health()).toMatchObject({ running: false, fetching: false });
  });

  it('reports running, then not running after stop', async () => {
    const topic = await freshTopic(1);
    const consumer = await start(unique('group'), topic, () => Promise.resolve());
    expect(consumer.health()).toMatchObject({ running: true, stalled: false });
    await consumer.stop();
    expect(consumer.health()).toMatchObject({ running: false, stalled: false });
  });

  it('reports stalled while a batch keeps failing past the threshold', async () => {
    const topic = await freshTopic(1);
    await transport.publish(topic, [{ key: 'k', value: 'stuck' }]);
    let calls = 0;
    const consumer = await start(
      unique('group'),
      topic,
      () => {
        calls++;
        return Promise.reject(new TransientError('still down'));
      },
      1000,
    );
    await waitFor(() => calls > 0);
    await waitFor(() => consumer.health().stalled, 60_000, 'the stall to show');
    expect(consumer.health()).toMatchObject({
      running: true,
      stalled: true,
      lastError: 'TransientError: still down',
    });
  });

  it('ensureTopics is idempotent', async () => {
    const topic = await freshTopic(2);
    await expect(transport.ensureTopics([{ topic, partitions: 2 }])).resolves.toBeUndefined();
  });
});
