import {
  type Admin,
  type Batch,
  CompressionTypes,
  type Consumer,
  type EachBatchPayload,
  type IHeaders,
  Kafka,
  type KafkaMessage,
  Partitioners,
  type Producer,
} from 'kafkajs';
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
  type IncomingMessage,
  type MessageBatch,
  type OutgoingMessage,
  type TopicSpec,
} from '../event-transport.js';
import { type BackoffPolicy, DEFAULT_BACKOFF } from '../retry-with-backoff.js';
import { describeError, silentLogger, type TransportLogger } from '../transport-logger.js';
import { createKafkaLogCreator, type KafkaLogLevel, toKafkaLogLevel } from './kafka-log-creator.js';

export interface KafkaTransportOptions {
  /** `host:port` list. */
  brokers: string[];
  clientId: string;
  /** pino-compatible; kafkajs's own logs go here too. Default: silent. */
  logger?: TransportLogger;
  /** Level for kafkajs's internal logs (when a logger is given). Default 'warn'. */
  kafkaLogLevel?: KafkaLogLevel;
  /** Default 3000 ms. */
  connectionTimeoutMs?: number;
  /** Default 10 000 ms. */
  requestTimeoutMs?: number;
  /** kafkajs client retries (connections, metadata, produce). Defaults: 5 retries from 100 ms, at most 2000 ms apart. */
  clientRetry?: { retries?: number; initialRetryTime?: number; maxRetryTime?: number };
  /** Replication factor for topics created by `ensureTopics`. Default -1: the broker's default. */
  replicationFactor?: number;
  consumer?: KafkaConsumerTuning;
}

export interface KafkaConsumerTuning {
  /** How long the group waits for a silent member (a killed worker) before moving its partitions. Default 10 000 ms. */
  sessionTimeoutMs?: number;
  /** Default 1000 ms; at most a third of the session timeout. */
  heartbeatIntervalMs?: number;
  /** How long a rebalance waits for members to rejoin. Default 15 000 ms. */
  rebalanceTimeoutMs?: number;
  /** Default 1 MiB. */
  maxBytesPerPartition?: number;
  /** How long the broker may hold an empty fetch. Default 1000 ms. */
  maxWaitTimeMs?: number;
  /**
   * Default 1. Above 1, a batch that throws makes kafkajs re-deliver batches of other
   * partitions (tulios/kafkajs#945); our handler loop never throws to kafkajs except on
   * rebalance, which keeps that rare, but keep 1 unless throughput needs more.
   */
  partitionsConsumedConcurrently?: number;
}

const DEFAULTS = {
  connectionTimeoutMs: 3000,
  requestTimeoutMs: 10_000,
  clientRetry: { retries: 5, initialRetryTime: 100, maxRetryTime: 2000 },
  // The same group settings as the config's defaults (KAFKA_SESSION_TIMEOUT_MS ...): kafkajs'
  // own 30 s session stalled a group for 31-35 s after a `kill -9`.
  consumer: {
    sessionTimeoutMs: 10_000,
    heartbeatIntervalMs: 1000,
    rebalanceTimeoutMs: 15_000,
    maxBytesPerPartition: 1024 * 1024,
    maxWaitTimeMs: 1000,
    partitionsConsumedConcurrently: 1,
  },
} as const;

/** {@link EventTransport} over Apache Kafka with kafkajs. See the package README for the delivery semantics. */
export class KafkaTransport implements EventTransport {
  private readonly kafka: Kafka;
  private readonly producer: Producer;
  private readonly logger: TransportLogger;
  private readonly consumers = new Set<KafkaEventConsumer>();
  private connected = false;

  constructor(private readonly options: KafkaTransportOptions) {
    this.logger = options.logger ?? silentLogger;
    this.kafka = new Kafka({
      clientId: options.clientId,
      brokers: options.brokers,
      connectionTimeout: options.connectionTimeoutMs ?? DEFAULTS.connectionTimeoutMs,
      requestTimeout: options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
      retry: { ...DEFAULTS.clientRetry, ...options.clientRetry },
      logLevel: toKafkaLogLevel(options.logger ? (options.kafkaLogLevel ?? 'warn') : 'nothing'),
      logCreator: createKafkaLogCreator(this.logger),
    });
    this.producer = this.kafka.producer({
      // Same key → partition mapping as the Java client (murmur2), so partners' producers agree with ours.
      createPartitioner: Partitioners.DefaultPartitioner,
      allowAutoTopicCreation: false,
      idempotent: false, // experimental in kafkajs 2.2.4; consumers dedupe by event id instead
      retry: { ...DEFAULTS.clientRetry, ...options.clientRetry },
    });
  }

  private healthAdmin: Admin | undefined;

  async connect(): Promise<void> {
    if (this.connected) return;
    await this.producer.connect();
    this.connected = true;
  }

  async checkConnection(): Promise<void> {
    // One long-lived admin client: a probe every few seconds must not open a connection each time.
    this.healthAdmin ??= this.kafka.admin({ retry: { retries: 0 } });
    await this.healthAdmin.connect();
    await this.healthAdmin.describeCluster();
  }

  async disconnect(): Promise<void> {
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    await this.healthAdmin?.disconnect();
    this.healthAdmin = undefined;
    if (!this.connected) return;
    this.connected = false;
    await this.producer.disconnect();
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (messages.length === 0) return;
    if (!this.connected) throw new Error('KafkaTransport.publish called before connect()');
    await this.producer.send({
      topic,
      acks: -1,
      compression: CompressionTypes.None,
      timeout: this.options.requestTimeoutMs ?? DEFAULTS.requestTimeoutMs,
      messages: messages.map((message) => ({
        key: message.key,
        value: message.value,
        headers: message.headers,
      })),
    });
  }

  async ensureTopics(topics: TopicSpec[]): Promise<void> {
    if (topics.length === 0) return;
    const admin: Admin = this.kafka.admin({
      retry: { ...DEFAULTS.clientRetry, ...this.options.clientRetry },
    });
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const missing = topics.filter((spec) => !existing.has(spec.topic));
      if (missing.length > 0) {
        // Resolves false when another instance created them first: fine.
        await admin.createTopics({
          waitForLeaders: true,
          topics: missing.map((spec) => ({
            topic: spec.topic,
            numPartitions: spec.partitions,
            replicationFactor: this.options.replicationFactor ?? -1,
          })),
        });
        this.logger.info({ topics: missing.map((spec) => spec.topic) }, 'created Kafka topics');
      }
      const present = topics.filter((spec) => existing.has(spec.topic));
      if (present.length > 0) {
        const metadata = await admin.fetchTopicMetadata({ topics: present.map((spec) => spec.topic) });
        for (const spec of present) {
          const actual = metadata.topics.find((t) => t.name === spec.topic)?.partitions.length;
          if (actual !== undefined && actual !== spec.partitions) {
            // Never repartition automatically: it would move keys between partitions and break per-key order.
            this.logger.warn(
              { topic: spec.topic, expected: spec.partitions, actual },
              'existing topic has a different partition count; leaving it as it is',
            );
          }
        }
      }
    } finally {
      await admin.disconnect();
    }
  }

  createConsumer(options: ConsumerOptions): EventConsumer {
    const consumer = new KafkaEventConsumer(
      this.kafka,
      options,
      { ...DEFAULTS.consumer, ...this.options.consumer },
      this.logger,
      () => this.consumers.delete(consumer),
    );
    this.consumers.add(consumer);
    return consumer;
  }
}

type ConsumerTuning = Required<KafkaConsumerTuning>;

class KafkaEventConsumer implements EventConsumer {
  private readonly consumer: Consumer;
  private readonly health_: ConsumerHealthTracker;
  private readonly policy: BackoffPolicy;
  private readonly maxBatchSize: number;
  private readonly inFlight = new Set<AbortController>();
  private stopController = new AbortController();
  private started = false;
  private stopping: Promise<void> | null = null;

  constructor(
    kafka: Kafka,
    private readonly options: ConsumerOptions,
    private readonly tuning: ConsumerTuning,
    private readonly logger: TransportLogger,
    private readonly onStopped: () => void,
  ) {
    this.policy = { ...DEFAULT_BACKOFF, ...options.retry };
    this.maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    this.health_ = new ConsumerHealthTracker(options.stallThresholdMs ?? DEFAULT_STALL_THRESHOLD_MS);
    this.health_.trackMembership();
    this.consumer = kafka.consumer({
      groupId: options.groupId,
      sessionTimeout: tuning.sessionTimeoutMs,
      heartbeatInterval: tuning.heartbeatIntervalMs,
      rebalanceTimeout: tuning.rebalanceTimeoutMs,
      maxBytesPerPartition: tuning.maxBytesPerPartition,
      maxWaitTimeInMs: tuning.maxWaitTimeMs,
      allowAutoTopicCreation: false,
    });
    this.watchInstrumentation();
  }

  async run(handler: BatchHandler): Promise<void> {
    if (this.started) throw new Error(`consumer ${this.options.groupId} is already running`);
    this.started = true;
    this.stopController = new AbortController();
    try {
      await this.consumer.connect();
      await this.consumer.subscribe({
        topics: this.options.topics,
        fromBeginning: this.options.fromBeginning ?? false,
      });
      this.health_.started();
      await this.consumer.run({
        autoCommit: true,
        // With neither interval nor threshold set, kafkajs commits only after the whole
        // fetched batch; threshold 1 makes commitOffsetsIfNecessary() commit each handler batch.
        autoCommitThreshold: 1,
        eachBatchAutoResolve: false,
        partitionsConsumedConcurrently: this.tuning.partitionsConsumedConcurrently,
        eachBatch: (payload) => this.handleFetchedBatch(payload, handler),
      });
    } catch (error) {
      this.health_.stopped(error);
      this.started = false;
      await this.consumer.disconnect().catch(() => undefined);
      throw error;
    }
  }

  stop(): Promise<void> {
    this.stopping ??= this.stopNow();
    return this.stopping;
  }

  health(): ConsumerHealth {
    return this.health_.snapshot();
  }

  private async stopNow(): Promise<void> {
    this.stopController.abort();
    for (const controller of this.inFlight) controller.abort();
    try {
      await this.consumer.disconnect(); // stops the fetch loop, waits for the batch in flight, leaves the group
    } finally {
      this.health_.stopped();
      this.onStopped();
    }
  }

  private async handleFetchedBatch(payload: EachBatchPayload, handler: BatchHandler): Promise<void> {
    const { batch } = payload;
    const isRunning = (): boolean => payload.isRunning();
    const isStale = (): boolean => payload.isStale();
    for (let start = 0; start < batch.messages.length; start += this.maxBatchSize) {
      if (!isRunning() || isStale() || this.stopController.signal.aborted) return;
      const chunk = toMessageBatch(batch, batch.messages.slice(start, start + this.maxBatchSize));
      const controller = new AbortController();
      const onStop = (): void => controller.abort();
      this.stopController.signal.addEventListener('abort', onStop, { once: true });
      this.inFlight.add(controller);
      try {
        const outcome = await deliverBatch({
          batch: chunk,
          handler,
          policy: this.policy,
          heartbeat: () => payload.heartbeat(),
          isStale,
          isRunning: () => isRunning() && !this.stopController.signal.aborted,
          signal: controller.signal,
          health: this.health_,
          logger: this.logger,
        });
        switch (outcome.kind) {
          case 'DONE':
            break;
          case 'ABANDONED':
            return;
          case 'GAVE_UP':
            this.crash(outcome.error);
            return;
        }
      } finally {
        this.inFlight.delete(controller);
        this.stopController.signal.removeEventListener('abort', onStop);
      }
      // Offsets of a partition we no longer own must not be committed (kafkajs#1046): the
      // new owner re-delivers the batch and the idempotent handler dedupes it.
      if (isStale()) {
        this.health_.batchAbandoned();
        return;
      }
      payload.resolveOffset(chunk.messages[chunk.messages.length - 1].offset);
      await payload.commitOffsetsIfNecessary();
      this.health_.batchCompleted();
    }
  }

  /** Gave up on a batch: stop for good (health fails) rather than skip it. */
  private crash(error: unknown): void {
    this.health_.stopped(error);
    // Not awaited: disconnect waits for this very eachBatch call to return.
    this.stop().catch((stopError: unknown) =>
      this.logger.error(
        { groupId: this.options.groupId, err: describeError(stopError) },
        'error while stopping a crashed consumer',
      ),
    );
  }

  private watchInstrumentation(): void {
    const { events } = this.consumer;
    // Readiness follows membership: between a rebalance (or a crash) and the next fetch, none
    // of this member's partitions is read. FETCH_START fires on every loop, idle or not.
    this.consumer.on(events.FETCH_START, () => this.health_.fetching());
    this.consumer.on(events.FETCH, () => {
      this.health_.fetching();
      this.health_.idlePoll();
    });
    this.consumer.on(events.GROUP_JOIN, (event) => {
      this.health_.joining();
      this.logger.info(
        {
          groupId: this.options.groupId,
          memberId: event.payload.memberId,
          partitions: Object.values(event.payload.memberAssignment).flat().length,
        },
        'joined the consumer group',
      );
    });
    this.consumer.on(events.REBALANCING, () => {
      this.health_.joining();
      for (const controller of this.inFlight) controller.abort();
    });
    this.consumer.on(events.STOP, () => this.health_.joining());
    this.consumer.on(events.CRASH, (event) => {
      const { error, restart } = event.payload;
      this.logger.error(
        { groupId: this.options.groupId, err: describeError(error), restart },
        'kafka consumer crashed',
      );
      this.health_.joining();
      if (restart) this.health_.failed(error);
      // kafkajs#1445: a consumer that will not restart is dead while the process lives on.
      else this.health_.stopped(error);
    });
  }
}

function toMessageBatch(batch: Batch, messages: KafkaMessage[]): MessageBatch {
  return {
    topic: batch.topic,
    partition: batch.partition,
    highWatermark: batch.highWatermark,
    messages: messages.map((message): IncomingMessage => ({
      topic: batch.topic,
      partition: batch.partition,
      offset: message.offset,
      key: message.key === null ? null : message.key.toString('utf8'),
      value: message.value,
      headers: decodeHeaders(message.headers),
      timestamp: message.timestamp,
    })),
  };
}

function decodeHeaders(headers: IHeaders | undefined): Record<string, string> {
  const decoded: Record<string, string> = {};
  for (const [name, raw] of Object.entries(headers ?? {})) {
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value !== undefined) decoded[name] = typeof value === 'string' ? value : value.toString('utf8');
  }
  return decoded;
}
