import type { BackoffPolicy } from './retry-with-backoff.js';

export interface OutgoingMessage {
  key: string;
  value: string | Buffer;
  headers?: Record<string, string>;
}

export interface IncomingMessage {
  topic: string;
  partition: number;
  /** Decimal string (Kafka offsets are 64-bit). */
  offset: string;
  key: string | null;
  value: Buffer | null;
  /** Header values decoded as UTF-8; a repeated header keeps its last value. */
  headers: Record<string, string>;
  /** Milliseconds since the epoch, as a decimal string. */
  timestamp: string;
}

export interface MessageBatch {
  topic: string;
  partition: number;
  messages: IncomingMessage[];
  /** Offset of the next message to be written to the partition when the batch was fetched (lag = highWatermark - last offset - 1). */
  highWatermark?: string;
}

export interface BatchContext {
  /** Tells the group this member is alive; call it inside long batches. May throw when the group is rebalancing: let it propagate. */
  heartbeat(): Promise<void>;
  /** True when the partition was reassigned or sought since the batch was fetched: its offsets will not be committed. */
  isStale(): boolean;
  /** Aborted when the consumer stops or the batch became stale; pass it to cancellable work. */
  signal: AbortSignal;
  /** 1 on the first delivery of this batch, then 2, 3... on retries. */
  attempt: number;
  /**
   * PostgreSQL transport only: records the batch as consumed inside the handler's own
   * transaction, so the work and the position commit together (exactly once, not just
   * deduplicated). Optional for handlers: the transport records it after they resolve anyway.
   */
  commitPosition?: (transaction: SqlExecutor) => Promise<void>;
}

/**
 * Handles one batch of one partition. Resolving means every message in the batch is
 * done (their offsets get committed); throwing means nothing in it is (the same batch is
 * delivered again after a backoff). Poison messages must be dead-lettered by the handler,
 * not thrown: a throw never skips a message.
 */
export type BatchHandler = (batch: MessageBatch, context: BatchContext) => Promise<void>;

/**
 * Runs SQL: a pg client or pool, or a TypeORM EntityManager in a transaction (its `query`
 * resolves to the rows; pg's to `{ rows }`). Lets the PostgreSQL transport write in the
 * caller's transaction without this package knowing the caller's database library.
 */
export interface SqlExecutor {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

export interface PublishOptions {
  /**
   * The caller's open database transaction. The PostgreSQL transport appends in it, so the
   * messages exist exactly when the caller's change commits; Kafka ignores it.
   */
  transaction?: SqlExecutor;
}

export interface EventPublisher {
  /** Resolves once every message is durable (Kafka: acks=-1; PostgreSQL: committed, or written in `options.transaction`). */
  publish(topic: string, messages: OutgoingMessage[], options?: PublishOptions): Promise<void>;
}

export interface ConsumerHealth {
  /** False before `run`, after `stop`, and after the consumer crashed for good. */
  running: boolean;
  lastBatchAt: Date | null;
  lastError: string | null;
  /** Running, but no batch completed and no idle poll for longer than the stall threshold. */
  stalled: boolean;
  /**
   * Transports with consumer groups (Kafka) only: the member is in the group and its fetch
   * loop runs. False while it joins, rebalances or restarts after a crash, when no partition
   * of it is read. Absent when the transport has no such notion.
   */
  fetching?: boolean;
}

export interface EventConsumer {
  /** Starts consuming and resolves once started (not when consumption ends). Call once. */
  run(handler: BatchHandler): Promise<void>;
  /** Stops fetching, aborts `context.signal`, waits for the in-flight batch, leaves the group. Idempotent. */
  stop(): Promise<void>;
  health(): ConsumerHealth;
}

export interface ConsumerOptions {
  groupId: string;
  topics: string[];
  /** Where a group with no committed offset starts: the oldest message (true) or new messages only (false, default). */
  fromBeginning?: boolean;
  /** Splits fetched batches into handler calls of at most this many messages (each committed on success). Default 500. */
  maxBatchSize?: number;
  /** Backoff between retries of a failing batch. */
  retry?: Partial<BackoffPolicy>;
  /** `health().stalled` threshold. Default 120 000 ms. */
  stallThresholdMs?: number;
}

export interface TopicSpec {
  topic: string;
  partitions: number;
}

export interface EventTransport extends EventPublisher {
  connect(): Promise<void>;
  disconnect(): Promise<void>;
  /** Creates missing topics; existing ones are left as they are. */
  ensureTopics(topics: TopicSpec[]): Promise<void>;
  createConsumer(options: ConsumerOptions): EventConsumer;
  /** Resolves when the transport can reach its broker now; rejects with the reason otherwise (readiness checks). */
  checkConnection(): Promise<void>;
}

/** DI token for the active {@link EventTransport}. */
export const EVENT_TRANSPORT = Symbol('EVENT_TRANSPORT');

export const DEFAULT_MAX_BATCH_SIZE = 500;
export const DEFAULT_STALL_THRESHOLD_MS = 120_000;
