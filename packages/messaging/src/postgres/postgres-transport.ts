import pg from 'pg';
import { ConsumerHealthTracker } from '../consumer-health-tracker.js';
import { deliverBatch } from '../deliver-batch.js';
import {
  type BatchHandler,
  type ConsumerHealth,
  type ConsumerOptions,
  DEFAULT_MAX_BATCH_SIZE,
  DEFAULT_STALL_THRESHOLD_MS,
  type EventConsumer,
  type EventTransport,
  type MessageBatch,
  type OutgoingMessage,
  type PublishOptions,
  type SqlExecutor,
  type TopicSpec,
} from '../event-transport.js';
import { partitionForKey } from '../partition-for-key.js';
import { type BackoffPolicy, DEFAULT_BACKOFF } from '../retry-with-backoff.js';
import { describeError, silentLogger, type TransportLogger } from '../transport-logger.js';
import { ChangeNotifier } from './change-notifier.js';

export interface PostgresTransportOptions {
  /** The database holding the tables of the `EmbeddedEventLog` migration. */
  connectionString: string;
  /** Connections of the transport's own pool (publishing outside a caller's transaction, consumers, retention). Default 6. */
  poolSize?: number;
  /**
   * How long messages are kept when no consumer group that reads their topic needs them any
   * more, and how long a group may stay away before it stops holding messages back. Default 7 days.
   */
  retentionMs?: number;
  /** How often consumed and expired messages are deleted. Default 60 000 ms. */
  retentionSweepMs?: number;
  /** Longest wait of an idle consumer between polls (a NOTIFY wakes it sooner). Default 1000 ms. */
  idlePollMs?: number;
  applicationName?: string;
  logger?: TransportLogger;
  /** What time it is for the retention cutoff (the apps pass their injected clock). */
  clock: { now(): Date };
}

export class TransportClosedError extends Error {
  constructor(message = 'the PostgreSQL transport is not connected') {
    super(message);
    this.name = 'TransportClosedError';
  }
}

export class UnknownTopicError extends Error {
  constructor(topic: string) {
    super(`unknown topic "${topic}": create it with ensureTopics first`);
    this.name = 'UnknownTopicError';
  }
}

const NOTIFY_CHANNEL = 'inner_circle_events';
const SEEN_REFRESH_MS = 30_000;

async function queryRows<T>(executor: SqlExecutor, sql: string, parameters: unknown[]): Promise<T[]> {
  const result = await executor.query(sql, parameters);
  // TypeORM's EntityManager resolves to the rows, pg to `{ rows }`.
  return (Array.isArray(result) ? result : (result as { rows: T[] }).rows) as T[];
}

/**
 * {@link EventTransport} on PostgreSQL tables, for the embedded mode (`npm start`): what the
 * api accepted is committed before it answers, and survives a crash. Kafka's model on a
 * table: key-hashed partitions (murmur2, as Kafka), per-partition offsets handed out under
 * the partition row's lock (so offsets commit in order and a reader never skips one),
 * consumer groups whose position per partition is a row, and one member at a time per
 * group and partition (a transaction-scoped advisory lock; a dead process's lock goes with
 * its connection). See the package README for why a plain table rather than pg-boss or
 * graphile-worker.
 */
export class PostgresTransport implements EventTransport {
  private readonly pool: pg.Pool;
  private readonly logger: TransportLogger;
  private readonly partitionCounts = new Map<string, number>();
  private readonly consumers = new Set<PostgresConsumer>();
  /** Bumped by NOTIFY (any process) and local publishes: wakes idle consumers. */
  readonly data = new ChangeNotifier();
  private listener: pg.Client | undefined;
  private sweepTimer: NodeJS.Timeout | undefined;
  private sweeping: Promise<void> | undefined;
  private state: 'new' | 'connected' | 'closed' = 'new';

  constructor(private readonly options: PostgresTransportOptions) {
    this.logger = options.logger ?? silentLogger;
    this.pool = new pg.Pool({
      connectionString: options.connectionString,
      max: options.poolSize ?? 6,
      application_name: options.applicationName ?? 'inner-circle-events',
    });
    // An idle client's error (say, PostgreSQL restarting) must not crash the process; the next query reports it.
    // After disconnect it is expected: pool.end() resolves before its sockets are closed, and the
    // server's shutdown may still reach them.
    this.pool.on('error', (error) => {
      if (this.state === 'connected')
        this.logger.warn({ err: describeError(error) }, 'idle event-log connection lost');
    });
  }

  get idlePollMs(): number {
    return this.options.idlePollMs ?? 1000;
  }

  get retentionMs(): number {
    return this.options.retentionMs ?? 7 * 24 * 3600 * 1000;
  }

  async connect(): Promise<void> {
    if (this.state === 'connected') return;
    await this.checkConnection();
    this.state = 'connected';
    await this.listen();
    this.scheduleSweep();
  }

  async checkConnection(): Promise<void> {
    await this.pool.query('SELECT 1 FROM event_partitions LIMIT 1');
  }

  /** Stops the consumers (each finishes its in-flight batch), the retention sweep and the listener, then closes the pool. */
  async disconnect(): Promise<void> {
    if (this.state !== 'connected') return;
    this.state = 'closed';
    clearTimeout(this.sweepTimer);
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    await this.sweeping;
    const listener = this.listener;
    this.listener = undefined;
    await listener?.end().catch(() => undefined);
    // pool.end() resolves before its connections are closed: wait for each to be gone, so
    // PostgreSQL stopping right after (embedded mode) finds no session of ours.
    let open = this.pool.totalCount;
    const closed = new Promise<void>((resolve) => {
      if (open === 0) return resolve();
      this.pool.on('remove', () => {
        if (--open === 0) resolve();
      });
    });
    await this.pool.end();
    await closed;
  }

  async publish(topic: string, messages: OutgoingMessage[], options: PublishOptions = {}): Promise<void> {
    if (this.state !== 'connected') throw new TransportClosedError();
    if (!messages.length) return;
    const partitions = await this.partitionCount(topic);
    const routed = messages.map((message) => ({
      message,
      partition: partitionForKey(message.key, partitions),
    }));
    if (options.transaction) return this.append(options.transaction, topic, routed);
    const client = await this.pool.connect();
    try {
      await client.query('BEGIN');
      await this.append(client, topic, routed);
      await client.query('COMMIT');
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.release();
    }
    this.data.notify();
  }

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    for (const spec of topics) {
      if (!Number.isInteger(spec.partitions) || spec.partitions < 1)
        throw new Error(`topic ${spec.topic}: partitions must be a positive integer`);
      const [existing] = await queryRows<{ count: number }>(
        this.pool,
        'SELECT count(*)::int AS count FROM event_partitions WHERE topic = $1',
        [spec.topic],
      );
      if (existing.count > 0) {
        if (existing.count !== spec.partitions)
          this.logger.warn(
            { topic: spec.topic, expected: spec.partitions, actual: existing.count },
            'existing topic has a different partition count; leaving it as it is',
          );
        continue;
      }
      // Two processes creating the same topic at once: the primary key keeps one set of rows.
      await this.pool.query(
        `INSERT INTO event_partitions (topic, partition)
         SELECT $1, generate_series(0, $2 - 1) ON CONFLICT DO NOTHING`,
        [spec.topic, spec.partitions],
      );
    }
  }

  createConsumer(options: ConsumerOptions): EventConsumer {
    return new PostgresConsumer(this, options, this.logger);
  }

  /** Deletes what every live group has consumed, and what nobody needs after the retention time. */
  async sweepRetention(now = this.options.clock.now()): Promise<{ deleted: number }> {
    const cutoff = new Date(now.getTime() - this.retentionMs);
    // A group away for longer than the retention time no longer holds messages back.
    await this.pool.query('DELETE FROM event_consumer_positions WHERE seen_at < $1', [cutoff]);
    const result = await this.pool.query(
      `DELETE FROM event_log l
        USING event_partitions p
        LEFT JOIN LATERAL (
          SELECT min(c.next_offset) AS floor FROM event_consumer_positions c
           WHERE c.topic = p.topic AND c.partition = p.partition
        ) g ON true
        WHERE l.topic = p.topic AND l.partition = p.partition
          AND (l."offset" < g.floor OR (g.floor IS NULL AND l.created_at < $1))`,
      [cutoff],
    );
    return { deleted: result.rowCount ?? 0 };
  }

  // ---- used by PostgresConsumer ----

  get database(): pg.Pool {
    return this.pool;
  }

  get isConnected(): boolean {
    return this.state === 'connected';
  }

  register(consumer: PostgresConsumer): void {
    this.consumers.add(consumer);
  }

  unregister(consumer: PostgresConsumer): void {
    this.consumers.delete(consumer);
  }

  async partitionCount(topic: string): Promise<number> {
    const known = this.partitionCounts.get(topic);
    if (known !== undefined) return known;
    const [row] = await queryRows<{ count: number }>(
      this.pool,
      'SELECT count(*)::int AS count FROM event_partitions WHERE topic = $1',
      [topic],
    );
    if (!row || row.count === 0) throw new UnknownTopicError(topic);
    this.partitionCounts.set(topic, row.count);
    return row.count;
  }

  /**
   * Offsets come from the partitions' rows, locked in partition order (no deadlock between
   * publishers) until the transaction ends: a later publisher gets higher offsets and
   * commits after, so a consumer reading "offset >= position" never skips a message.
   */
  private async append(
    executor: SqlExecutor,
    topic: string,
    routed: { message: OutgoingMessage; partition: number }[],
  ): Promise<void> {
    const partitions = [...new Set(routed.map((r) => r.partition))].sort((a, b) => a - b);
    const locked = await queryRows<{ partition: number; next_offset: string }>(
      executor,
      `SELECT partition, next_offset FROM event_partitions
        WHERE topic = $1 AND partition = ANY($2::int[]) ORDER BY partition FOR UPDATE`,
      [topic, partitions],
    );
    if (locked.length !== partitions.length) throw new UnknownTopicError(topic);
    const next = new Map(locked.map((row) => [row.partition, BigInt(row.next_offset)]));
    const offsets = routed.map(({ partition }) => {
      const offset = next.get(partition)!;
      next.set(partition, offset + 1n);
      return offset.toString();
    });
    await executor.query(
      `INSERT INTO event_log (topic, partition, "offset", message_key, value, headers)
       SELECT $1, * FROM unnest($2::int[], $3::bigint[], $4::text[], $5::bytea[], $6::jsonb[])`,
      [
        topic,
        routed.map((r) => r.partition),
        offsets,
        routed.map((r) => r.message.key),
        routed.map((r) =>
          typeof r.message.value === 'string' ? Buffer.from(r.message.value, 'utf8') : r.message.value,
        ),
        routed.map((r) => JSON.stringify(r.message.headers ?? {})),
      ],
    );
    await executor.query(
      `UPDATE event_partitions p SET next_offset = c.next_offset
         FROM unnest($2::int[], $3::bigint[]) AS c(partition, next_offset)
        WHERE p.topic = $1 AND p.partition = c.partition`,
      [topic, partitions, partitions.map((partition) => next.get(partition)!.toString())],
    );
    // Delivered on commit, to every process listening: idle consumers wake at once.
    await executor.query('SELECT pg_notify($1, $2)', [NOTIFY_CHANNEL, topic]);
  }

  private async listen(): Promise<void> {
    const client = new pg.Client({
      connectionString: this.options.connectionString,
      application_name: `${this.options.applicationName ?? 'inner-circle-events'}-listen`,
    });
    // Without the listener consumers still poll every idlePollMs: a lost one is not fatal.
    client.on('error', (error) => {
      if (this.state === 'connected')
        this.logger.warn({ err: describeError(error) }, 'event-log listener lost; consumers poll instead');
    });
    client.on('notification', () => this.data.notify());
    await client.connect();
    await client.query(`LISTEN ${NOTIFY_CHANNEL}`);
    this.listener = client;
  }

  private scheduleSweep(): void {
    const every = this.options.retentionSweepMs ?? 60_000;
    this.sweepTimer = setTimeout(() => {
      this.sweeping = this.sweepRetention()
        .then(({ deleted }) => {
          if (deleted) this.logger.debug({ deleted }, 'event-log retention sweep');
        })
        .catch((error: unknown) => {
          if (this.state === 'connected')
            this.logger.warn(
              { err: describeError(error) },
              'event-log retention sweep failed; retrying later',
            );
        })
        .finally(() => {
          this.sweeping = undefined;
          if (this.state === 'connected') this.scheduleSweep();
        });
    }, every);
    this.sweepTimer.unref();
  }
}

interface PendingPartition {
  topic: string;
  partition: number;
}

class PostgresConsumer implements EventConsumer {
  private readonly groupId: string;
  private readonly topics: string[];
  private readonly tracker: ConsumerHealthTracker;
  private readonly policy: BackoffPolicy;
  private readonly maxBatchSize: number;
  private loop: Promise<void> | null = null;
  private readonly stopController = new AbortController();
  private running = false;
  private started = false;
  private lastSeenRefresh = 0;

  constructor(
    private readonly transport: PostgresTransport,
    private readonly options: ConsumerOptions,
    private readonly logger: TransportLogger,
  ) {
    this.groupId = options.groupId;
    this.topics = [...options.topics];
    this.policy = { ...DEFAULT_BACKOFF, ...options.retry };
    this.maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    this.tracker = new ConsumerHealthTracker(options.stallThresholdMs ?? DEFAULT_STALL_THRESHOLD_MS);
  }

  async run(handler: BatchHandler): Promise<void> {
    if (this.started) throw new Error(`consumer ${this.groupId} is already running`);
    if (!this.transport.isConnected) throw new TransportClosedError();
    this.started = true;
    for (const topic of this.topics) await this.transport.partitionCount(topic);
    // A new group starts at the oldest kept message or at the end; an existing one where it was.
    await this.transport.database.query(
      `INSERT INTO event_consumer_positions (group_id, topic, partition, next_offset)
       SELECT $1, topic, partition, CASE WHEN $3 THEN 0 ELSE next_offset END
         FROM event_partitions WHERE topic = ANY($2::text[])
       ON CONFLICT (group_id, topic, partition) DO UPDATE SET seen_at = now()`,
      [this.groupId, this.topics, this.options.fromBeginning ?? false],
    );
    this.lastSeenRefresh = performance.now();
    this.running = true;
    this.transport.register(this);
    this.tracker.started();
    this.loop = this.consume(handler).catch((error: unknown) => {
      this.running = false;
      this.tracker.stopped(error);
      this.logger.error({ groupId: this.groupId, err: describeError(error) }, 'event-log consumer crashed');
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopController.abort();
    await this.loop;
    this.transport.unregister(this);
    this.tracker.stopped();
  }

  health(): ConsumerHealth {
    return this.tracker.snapshot();
  }

  private async consume(handler: BatchHandler): Promise<void> {
    let cursor = 0;
    while (this.running) {
      const seen = this.transport.data.version;
      let delivered = false;
      try {
        await this.refreshSeen();
        const pending = await this.pendingPartitions();
        for (let i = 0; i < pending.length && this.running && !delivered; i++) {
          if (await this.claimAndDeliver(pending[(cursor + i) % pending.length], handler)) {
            delivered = true;
            cursor = (cursor + i + 1) % pending.length; // round-robin: no partition starves the others
          }
        }
      } catch (error) {
        // PostgreSQL restarting: nothing was recorded, the batch comes again after a pause.
        if (!this.running) return;
        this.tracker.failed(error);
        this.logger.warn({ groupId: this.groupId, err: describeError(error) }, 'event-log poll failed');
      }
      if (!delivered && this.running) {
        this.tracker.idlePoll();
        await this.transport.data.wait(seen, this.stopController.signal, this.transport.idlePollMs);
      }
    }
  }

  private async refreshSeen(): Promise<void> {
    if (performance.now() - this.lastSeenRefresh < SEEN_REFRESH_MS) return;
    await this.transport.database.query(
      'UPDATE event_consumer_positions SET seen_at = now() WHERE group_id = $1 AND topic = ANY($2::text[])',
      [this.groupId, this.topics],
    );
    this.lastSeenRefresh = performance.now();
  }

  private async pendingPartitions(): Promise<PendingPartition[]> {
    const { rows } = await this.transport.database.query<PendingPartition>(
      `SELECT c.topic, c.partition FROM event_consumer_positions c
         JOIN event_partitions p ON p.topic = c.topic AND p.partition = c.partition
        WHERE c.group_id = $1 AND c.topic = ANY($2::text[]) AND p.next_offset > c.next_offset
        ORDER BY c.topic, c.partition`,
      [this.groupId, this.topics],
    );
    return rows;
  }

  /**
   * One batch of one partition, while holding the group's lock on that partition (another
   * member, in this process or another, skips it meanwhile). Returns false when another
   * member holds it or nothing was left to read.
   */
  private async claimAndDeliver(
    { topic, partition }: PendingPartition,
    handler: BatchHandler,
  ): Promise<boolean> {
    const client = await this.transport.database.connect();
    let lost = false;
    const onError = (): void => {
      lost = true;
    };
    client.on('error', onError);
    try {
      await client.query('BEGIN');
      const { rows: claim } = await client.query<{ claimed: boolean }>(
        'SELECT pg_try_advisory_xact_lock(hashtext($1), $2) AS claimed',
        [`events:${this.groupId}:${topic}`, partition],
      );
      if (!claim[0]?.claimed) {
        await client.query('ROLLBACK');
        return false;
      }
      const { rows: position } = await client.query<{ next_offset: string; high: string }>(
        `SELECT c.next_offset, p.next_offset AS high FROM event_consumer_positions c
           JOIN event_partitions p ON p.topic = c.topic AND p.partition = c.partition
          WHERE c.group_id = $1 AND c.topic = $2 AND c.partition = $3`,
        [this.groupId, topic, partition],
      );
      if (!position[0]) {
        await client.query('ROLLBACK');
        return false;
      }
      const { rows } = await client.query<{
        offset: string;
        message_key: string;
        value: Buffer;
        headers: Record<string, string>;
        created_ms: string;
      }>(
        `SELECT "offset", message_key, value, headers,
                (extract(epoch FROM created_at) * 1000)::bigint::text AS created_ms
           FROM event_log WHERE topic = $1 AND partition = $2 AND "offset" >= $3
          ORDER BY "offset" LIMIT $4`,
        [topic, partition, position[0].next_offset, this.maxBatchSize],
      );
      if (!rows.length) {
        await client.query('ROLLBACK');
        return false;
      }
      const batch: MessageBatch = {
        topic,
        partition,
        highWatermark: position[0].high,
        messages: rows.map((row) => ({
          topic,
          partition,
          offset: row.offset,
          key: row.message_key,
          value: row.value,
          headers: row.headers,
          timestamp: row.created_ms,
        })),
      };
      const nextOffset = (BigInt(rows[rows.length - 1].offset) + 1n).toString();
      const recordPosition = async (executor: SqlExecutor): Promise<void> => {
        await executor.query(
          `UPDATE event_consumer_positions SET next_offset = GREATEST(next_offset, $4::bigint), seen_at = now()
            WHERE group_id = $1 AND topic = $2 AND partition = $3`,
          [this.groupId, topic, partition, nextOffset],
        );
      };
      const outcome = await deliverBatch({
        batch,
        handler: (b, context) => handler(b, { ...context, commitPosition: recordPosition }),
        policy: this.policy,
        heartbeat: () => Promise.resolve(),
        isStale: () => lost,
        isRunning: () => this.running,
        signal: this.stopController.signal,
        health: this.tracker,
        logger: this.logger,
      });
      if (outcome.kind !== 'DONE') {
        await client.query('ROLLBACK').catch(() => undefined);
        if (outcome.kind === 'GAVE_UP') {
          this.running = false;
          this.tracker.stopped(outcome.error);
        }
        return true;
      }
      // Idempotent: a handler that already recorded it in its own transaction made this a no-op.
      await recordPosition(client);
      await client.query('COMMIT');
      this.tracker.batchCompleted();
      return true;
    } catch (error) {
      await client.query('ROLLBACK').catch(() => undefined);
      throw error;
    } finally {
      client.off('error', onError);
      client.release(lost);
    }
  }
}
