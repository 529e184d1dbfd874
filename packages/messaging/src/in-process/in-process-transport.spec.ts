/* eslint-disable @typescript-eslint/require-await -- handlers are async by contract; many test ones have nothing to await */
import { Partitioners } from 'kafkajs';
import type { BatchHandler, EventConsumer, IncomingMessage } from '../event-transport.js';
import { TransientError } from '../is-transient-error.js';
import { InProcessTransport, TransportClosedError, UnknownTopicError } from './in-process-transport.js';
import { partitionForKey } from './murmur2.js';

const fastRetry = { initialDelayMs: 1, maxDelayMs: 5, jitter: 0 };

async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

function text(message: IncomingMessage): string {
  return message.value?.toString('utf8') ?? '';
}

describe('InProcessTransport', () => {
  let transport: InProcessTransport;
  const consumers: EventConsumer[] = [];

  beforeEach(async () => {
    transport = new InProcessTransport({ idlePollMs: 20, drainTimeoutMs: 500 });
    await transport.connect();
    await transport.ensureTopics([{ topic: 't', partitions: 4 }]);
  });

  afterEach(async () => {
    await Promise.all(consumers.splice(0).map((consumer) => consumer.stop()));
    await transport.disconnect();
  });

  it('reports its connection up while connected and closed after disconnect', async () => {
    await expect(transport.checkConnection()).resolves.toBeUndefined();
    await transport.disconnect();
    await expect(transport.checkConnection()).rejects.toThrow(TransportClosedError);
  });

  function consumer(
    groupId: string,
    handler: BatchHandler,
    extra: { maxBatchSize?: number; fromBeginning?: boolean; maxAttempts?: number } = {},
  ): EventConsumer {
    const created = transport.createConsumer({
      groupId,
      topics: ['t'],
      fromBeginning: extra.fromBeginning ?? true,
      maxBatchSize: extra.maxBatchSize,
      retry: { ...fastRetry, maxAttempts: extra.maxAttempts ?? Number.POSITIVE_INFINITY },
    });
    consumers.push(created);
    void created.run(handler);
    return created;
  }

  it('hashes keys to partitions exactly like kafkajs / the Java client', () => {
    const partitioner = Partitioners.DefaultPartitioner();
    const partitionMetadata = Array.from({ length: 12 }, (_, partitionId) => ({
      partitionId,
      leader: 0,
      partitionErrorCode: 0,
      replicas: [0],
      isr: [0],
    }));
    for (const key of [
      '',
      'a',
      'ab',
      'abc',
      'abcd',
      'b-1:crm-000123',
      '5f0c6a1e-8a44-4c1b-9a57-3f2a1d9b7c10:Ünïcødé',
    ]) {
      expect(partitionForKey(key, 12)).toBe(
        partitioner({ topic: 't', partitionMetadata, message: { key, value: null } }),
      );
    }
  });

  it('delivers every message once, in order per key', async () => {
    const seen = new Map<string, number[]>();
    consumer('g', async (batch) => {
      for (const message of batch.messages) {
        const list = seen.get(message.key!) ?? [];
        list.push(Number(text(message)));
        seen.set(message.key!, list);
      }
    });
    for (let i = 0; i < 200; i++) await transport.publish('t', [{ key: `k${i % 7}`, value: String(i) }]);
    await waitFor(() => [...seen.values()].reduce((n, list) => n + list.length, 0) === 200);
    for (const [key, values] of seen) {
      expect(values).toEqual([...values].sort((a, b) => a - b));
      expect(values.every((v) => `k${v % 7}` === key)).toBe(true);
    }
  });

  it('keeps the same key in one partition and hands out batches of one partition', async () => {
    const batches: { partition: number; keys: string[] }[] = [];
    consumer(
      'g',
      async (batch) =>
        void batches.push({ partition: batch.partition, keys: batch.messages.map((m) => m.key!) }),
    );
    await transport.publish(
      't',
      Array.from({ length: 20 }, (_, i) => ({ key: `k${i % 3}`, value: 'x' })),
    );
    await waitFor(() => batches.reduce((n, b) => n + b.keys.length, 0) === 20);
    for (const batch of batches)
      expect(batch.keys.every((key) => partitionForKey(key, 4) === batch.partition)).toBe(true);
  });

  it('retries the same batch after a throw and commits only after success (no loss)', async () => {
    const attempts: number[] = [];
    const delivered: string[] = [];
    const failing = consumer('g', async (batch, context) => {
      attempts.push(context.attempt);
      if (context.attempt < 3) throw new TransientError('db unavailable');
      delivered.push(...batch.messages.map(text));
    });
    await transport.publish('t', [
      { key: 'same', value: 'a' },
      { key: 'same', value: 'b' },
    ]);
    await waitFor(() => delivered.length === 2);
    expect(attempts).toEqual([1, 2, 3]);
    expect(delivered).toEqual(['a', 'b']);
    expect(failing.health()).toMatchObject({ running: true, lastError: 'TransientError: db unavailable' });
  });

  it('a new consumer in the same group resumes after the committed offset', async () => {
    const first: string[] = [];
    const c1 = consumer('g', async (batch) => void first.push(...batch.messages.map(text)));
    await transport.publish('t', [
      { key: 'k', value: '1' },
      { key: 'k', value: '2' },
    ]);
    await waitFor(() => first.length === 2);
    await c1.stop();
    await transport.publish('t', [{ key: 'k', value: '3' }]);
    const second: string[] = [];
    consumer('g', async (batch) => void second.push(...batch.messages.map(text)));
    await waitFor(() => second.length === 1);
    expect(second).toEqual(['3']);
  });

  it('re-delivers a batch that was in flight when its consumer stopped', async () => {
    let release!: () => void;
    const blocked = new Promise<void>((resolve) => (release = resolve));
    const c1 = consumer('g', async (_batch, context) => {
      await Promise.race([
        blocked,
        new Promise((_, reject) =>
          context.signal.addEventListener('abort', () => reject(new Error('aborted'))),
        ),
      ]);
    });
    await transport.publish('t', [{ key: 'k', value: 'in-flight' }]);
    await waitFor(() => c1.health().running);
    await new Promise((resolve) => setTimeout(resolve, 30));
    await c1.stop();
    release();
    const again: string[] = [];
    consumer('g', async (batch) => void again.push(...batch.messages.map(text)));
    await waitFor(() => again.length === 1);
    expect(again).toEqual(['in-flight']);
  });

  it('respects maxBatchSize', async () => {
    const sizes: number[] = [];
    consumer('g', async (batch) => void sizes.push(batch.messages.length), { maxBatchSize: 3 });
    await transport.publish(
      't',
      Array.from({ length: 10 }, () => ({ key: 'one-key', value: 'x' })),
    );
    await waitFor(() => sizes.reduce((a, b) => a + b, 0) === 10);
    expect(Math.max(...sizes)).toBeLessThanOrEqual(3);
  });

  it('starts at the end of the log without fromBeginning', async () => {
    await transport.publish('t', [{ key: 'k', value: 'old' }]);
    const got: string[] = [];
    consumer('late', async (batch) => void got.push(...batch.messages.map(text)), { fromBeginning: false });
    await transport.publish('t', [{ key: 'k', value: 'new' }]);
    await waitFor(() => got.length === 1);
    expect(got).toEqual(['new']);
  });

  it('applies backpressure: publish waits above the high-water mark and resumes as the consumer catches up', async () => {
    const small = new InProcessTransport({ highWaterMark: 5, idlePollMs: 20 });
    await small.connect();
    await small.ensureTopics([{ topic: 'bp', partitions: 1 }]);
    let open!: () => void;
    const gate = new Promise<void>((resolve) => (open = resolve));
    const got: string[] = [];
    const slow = small.createConsumer({ groupId: 'g', topics: ['bp'], fromBeginning: true, maxBatchSize: 2 });
    await slow.run(async (batch) => {
      await gate;
      got.push(...batch.messages.map(text));
    });
    let published = 0;
    const publishing = (async () => {
      for (let i = 0; i < 20; i++) {
        await small.publish('bp', [{ key: 'k', value: String(i) }]);
        published++;
      }
    })();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(published).toBe(5); // stuck at the high-water mark while the consumer is blocked
    open();
    await publishing;
    await waitFor(() => got.length === 20);
    expect(got).toEqual(Array.from({ length: 20 }, (_, i) => String(i)));
    await slow.stop();
    await small.disconnect();
  });

  it('bounds memory of a topic nobody reads (oldest dropped, publish never blocks)', async () => {
    const small = new InProcessTransport({ highWaterMark: 5, retainedWithoutConsumers: 5 });
    await small.connect();
    await small.ensureTopics([{ topic: 'dlq', partitions: 1 }]);
    for (let i = 0; i < 50; i++) await small.publish('dlq', [{ key: 'k', value: String(i) }]);
    const got: string[] = [];
    const reader = small.createConsumer({ groupId: 'g', topics: ['dlq'], fromBeginning: true });
    await reader.run(async (batch) => void got.push(...batch.messages.map(text)));
    await waitFor(() => got.length === 5);
    expect(got).toEqual(['45', '46', '47', '48', '49']);
    await reader.stop();
    await small.disconnect();
  });

  it('shares partitions between consumers of one group and keeps groups independent', async () => {
    const a: string[] = [];
    const b: string[] = [];
    const other: string[] = [];
    consumer('shared', async (batch) => void a.push(...batch.messages.map(text)));
    consumer('shared', async (batch) => void b.push(...batch.messages.map(text)));
    consumer('other', async (batch) => void other.push(...batch.messages.map(text)));
    await transport.publish(
      't',
      Array.from({ length: 40 }, (_, i) => ({ key: `k${i}`, value: String(i) })),
    );
    await waitFor(() => a.length + b.length === 40 && other.length === 40);
    expect(a.length).toBeGreaterThan(0);
    expect(b.length).toBeGreaterThan(0);
    expect(new Set([...a, ...b]).size).toBe(40);
  });

  it('stops the consumer (health fails) after maxAttempts instead of skipping', async () => {
    const failing = consumer('g', () => Promise.reject(new Error('poison')), { maxAttempts: 2 });
    await transport.publish('t', [{ key: 'k', value: 'x' }]);
    await waitFor(() => !failing.health().running);
    expect(failing.health()).toMatchObject({ running: false, lastError: 'Error: poison', stalled: false });
    const again: string[] = [];
    await failing.stop();
    consumer('g', async (batch) => void again.push(...batch.messages.map(text)));
    await waitFor(() => again.length === 1);
  });

  it('reports stalled when a batch keeps failing past the threshold', async () => {
    const stuck = transport.createConsumer({
      groupId: 'g',
      topics: ['t'],
      fromBeginning: true,
      stallThresholdMs: 50,
      retry: fastRetry,
    });
    consumers.push(stuck);
    await stuck.run(() => Promise.reject(new TransientError('db down')));
    expect(stuck.health().stalled).toBe(false);
    await transport.publish('t', [{ key: 'k', value: 'x' }]);
    await waitFor(() => stuck.health().stalled);
    expect(stuck.health()).toMatchObject({ running: true, stalled: true });
  });

  it('reports idle consumers as healthy, and not running after stop', async () => {
    const idle = transport.createConsumer({ groupId: 'g', topics: ['t'], stallThresholdMs: 50 });
    await idle.run(() => Promise.resolve());
    await new Promise((resolve) => setTimeout(resolve, 120));
    expect(idle.health()).toMatchObject({ running: true, stalled: false, lastBatchAt: null });
    await idle.stop();
    expect(idle.health()).toMatchObject({ running: false, stalled: false });
  });

  it('disconnect drains pending messages, then rejects new publishes', async () => {
    const got: string[] = [];
    consumer('g', async (batch) => {
      await new Promise((resolve) => setTimeout(resolve, 5));
      got.push(...batch.messages.map(text));
    });
    await transport.publish(
      't',
      Array.from({ length: 30 }, (_, i) => ({ key: `k${i}`, value: String(i) })),
    );
    await transport.disconnect();
    expect(got).toHaveLength(30);
    await expect(transport.publish('t', [{ key: 'k', value: 'late' }])).rejects.toBeInstanceOf(
      TransportClosedError,
    );
  });

  it('rejects unknown topics like Kafka without auto-creation', async () => {
    await expect(transport.publish('nope', [{ key: 'k', value: 'x' }])).rejects.toBeInstanceOf(
      UnknownTopicError,
    );
    expect(() =>
      transport.createConsumer({ groupId: 'g', topics: ['nope'] }).run(() => Promise.resolve()),
    ).toThrow(UnknownTopicError);
  });

  it('passes headers and keys through', async () => {
    const got: IncomingMessage[] = [];
    consumer('g', async (batch) => void got.push(...batch.messages));
    await transport.publish('t', [{ key: 'k', value: Buffer.from('v'), headers: { 'x-a': '1' } }]);
    await waitFor(() => got.length === 1);
    expect(got[0]).toMatchObject({ topic: 't', key: 'k', offset: '0', headers: { 'x-a': '1' } });
  });
});
