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
  type TopicSpec,
} from '../event-transport.js';
import { type BackoffPolicy, DEFAULT_BACKOFF, sleep } from '../retry-with-backoff.js';
import { describeError, silentLogger, type TransportLogger } from '../transport-logger.js';
import { ChangeNotifier } from './change-notifier.js';
import { partitionForKey } from './murmur2.js';

export interface InProcessTransportOptions {
  /** Unconsumed messages per partition (behind the slowest running group) at which `publish` waits. Default 10 000. */
  highWaterMark?: number;
  /** Messages kept per partition of a topic no running consumer reads; the oldest are dropped beyond. Default 10 000. */
  retainedWithoutConsumers?: number;
  /** How long `disconnect` lets consumers catch up before stopping them. Default 5000 ms. */
  drainTimeoutMs?: number;
  /** Longest wait of an idle consumer between polls. Default 1000 ms. */
  idlePollMs?: number;
  logger?: TransportLogger;
}

export class TransportClosedError extends Error {
  constructor(message = 'the in-process transport is disconnected') {
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

interface StoredMessage {
  offset: number;
  key: string;
  value: Buffer;
  headers: Record<string, string>;
  timestamp: string;
}

class PartitionLog {
  /** Offset of `messages[0]`. */
  startOffset = 0;
  readonly messages: StoredMessage[] = [];

  get endOffset(): number {
    return this.startOffset + this.messages.length;
  }

  append(message: Omit<StoredMessage, 'offset'>): void {
    this.messages.push({ ...message, offset: this.endOffset });
  }

  read(from: number, max: number): StoredMessage[] {
    const index = Math.max(0, from - this.startOffset);
    return this.messages.slice(index, index + max);
  }

  trimBelow(offset: number): void {
    const count = Math.min(this.messages.length, offset - this.startOffset);
    if (count <= 0) return;
    this.messages.splice(0, count);
    this.startOffset += count;
  }
}

interface TopicState {
  name: string;
  partitions: PartitionLog[];
}

class GroupState {
  readonly offsets = new Map<string, number>();
  readonly members: InProcessConsumer[] = [];
  generation = 0;

  constructor(readonly groupId: string) {}

  position(topic: TopicState, partition: number): number {
    const log = topic.partitions[partition];
    return Math.max(this.offsets.get(`${topic.name}:${partition}`) ?? log.startOffset, log.startOffset);
  }

  /** Partitions of `topic` are dealt round-robin to the members subscribed to it, in join order. */
  owns(member: InProcessConsumer, topic: TopicState, partition: number): boolean {
    const subscribed = this.members.filter((m) => m.topics.includes(topic.name));
    return subscribed[partition % subscribed.length] === member;
  }
}

/**
 * In-memory {@link EventTransport} for the embedded single-process run mode (not a test
 * double for Kafka). Same contract as the Kafka transport: key-hashed partitions (Kafka's
 * murmur2), per-partition order, consumer groups with committed offsets, at-least-once
 * delivery with the same retry and health semantics, and backpressure instead of
 * unbounded memory. Nothing survives the process: messages not yet consumed when it dies
 * are lost, which is why producers that cannot lose data use an outbox.
 */
export class InProcessTransport implements EventTransport {
  private readonly topics = new Map<string, TopicState>();
  private readonly groups = new Map<string, GroupState>();
  private readonly consumers = new Set<InProcessConsumer>();
  private readonly logger: TransportLogger;
  private readonly highWaterMark: number;
  private readonly retainedWithoutConsumers: number;
  /** Bumped on every append: wakes idle consumers. */
  readonly data = new ChangeNotifier();
  /** Bumped on every commit and membership change: wakes blocked publishers. */
  private readonly space = new ChangeNotifier();
  private state: 'new' | 'connected' | 'closing' | 'closed' = 'new';
  private closeController = new AbortController();

  constructor(private readonly options: InProcessTransportOptions = {}) {
    this.logger = options.logger ?? silentLogger;
    this.highWaterMark = options.highWaterMark ?? 10_000;
    this.retainedWithoutConsumers = options.retainedWithoutConsumers ?? 10_000;
  }

  get idlePollMs(): number {
    return this.options.idlePollMs ?? 1000;
  }

  connect(): Promise<void> {
    if (this.state !== 'connected') {
      this.state = 'connected';
      this.closeController = new AbortController();
    }
    return Promise.resolve();
  }

  checkConnection(): Promise<void> {
    return this.state === 'connected' ? Promise.resolve() : Promise.reject(new TransportClosedError());
  }

  /** Stops taking messages, lets running consumers catch up (bounded by `drainTimeoutMs`), then stops them. */
  async disconnect(): Promise<void> {
    if (this.state !== 'connected') return;
    this.state = 'closing';
    const deadline = Date.now() + (this.options.drainTimeoutMs ?? 5000);
    while (
      Date.now() < deadline &&
      [...this.consumers].some((consumer) => consumer.isRunning() && !this.isCaughtUp(consumer))
    ) {
      await sleep(10);
    }
    await Promise.all([...this.consumers].map((consumer) => consumer.stop()));
    this.state = 'closed';
    this.closeController.abort();
  }

  async publish(topic: string, messages: OutgoingMessage[]): Promise<void> {
    if (this.state !== 'connected')
      throw new TransportClosedError(
        this.state === 'new' ? 'the in-process transport is not connected' : undefined,
      );
    const state = this.topicState(topic);
    const routed = messages.map((message) => ({
      message,
      partition: partitionForKey(message.key, state.partitions.length),
    }));
    // Wait for room first, then append the whole call at once: a consumer never sees half
    // of one publish call, and a partition overshoots the high-water mark by at most one call.
    for (const partition of new Set(routed.map((r) => r.partition)))
      await this.waitForSpace(state, partition);
    if (this.state !== 'connected' && this.state !== 'closing') throw new TransportClosedError();
    const timestamp = String(Date.now());
    for (const { message, partition } of routed) {
      state.partitions[partition].append({
        key: message.key,
        value:
          typeof message.value === 'string' ? Buffer.from(message.value, 'utf8') : Buffer.from(message.value),
        headers: { ...message.headers },
        timestamp,
      });
    }
    if (routed.length > 0) this.data.notify();
  }

  ensureTopics(topics: TopicSpec[]): Promise<void> {
    for (const spec of topics) {
      const existing = this.topics.get(spec.topic);
      if (existing) {
        if (existing.partitions.length !== spec.partitions) {
          this.logger.warn(
            { topic: spec.topic, expected: spec.partitions, actual: existing.partitions.length },
            'existing topic has a different partition count; leaving it as it is',
          );
        }
        continue;
      }
      if (!Number.isInteger(spec.partitions) || spec.partitions < 1)
        throw new Error(`topic ${spec.topic}: partitions must be a positive integer`);
      this.topics.set(spec.topic, {
        name: spec.topic,
        partitions: Array.from({ length: spec.partitions }, () => new PartitionLog()),
      });
    }
    return Promise.resolve();
  }

  createConsumer(options: ConsumerOptions): EventConsumer {
    return new InProcessConsumer(this, options, this.logger);
  }

  // ---- used by InProcessConsumer ----

  topicState(topic: string): TopicState {
    const state = this.topics.get(topic);
    if (!state) throw new UnknownTopicError(topic);
    return state;
  }

  join(consumer: InProcessConsumer, fromBeginning: boolean): GroupState {
    if (this.state === 'closing' || this.state === 'closed') throw new TransportClosedError();
    const topics = consumer.topics.map((topic) => this.topicState(topic));
    let group = this.groups.get(consumer.groupId);
    if (!group) {
      group = new GroupState(consumer.groupId);
      this.groups.set(consumer.groupId, group);
    }
    for (const topic of topics) {
      topic.partitions.forEach((log, partition) => {
        const key = `${topic.name}:${partition}`;
        if (!group.offsets.has(key)) group.offsets.set(key, fromBeginning ? log.startOffset : log.endOffset);
      });
    }
    group.members.push(consumer);
    group.generation++;
    this.consumers.add(consumer);
    this.space.notify();
    return group;
  }

  leave(consumer: InProcessConsumer, group: GroupState): void {
    const index = group.members.indexOf(consumer);
    if (index >= 0) group.members.splice(index, 1);
    group.generation++;
    this.consumers.delete(consumer);
    this.data.notify(); // remaining members pick up the freed partitions
    this.space.notify(); // this group may no longer hold publishers back
  }

  commit(group: GroupState, topic: TopicState, partition: number, nextOffset: number): void {
    group.offsets.set(`${topic.name}:${partition}`, nextOffset);
    const floor = this.slowestRunningPosition(topic, partition);
    if (floor !== null) topic.partitions[partition].trimBelow(floor);
    this.space.notify();
  }

  private isCaughtUp(consumer: InProcessConsumer): boolean {
    const group = this.groups.get(consumer.groupId);
    if (!group) return true;
    return consumer.topics.every((name) => {
      const topic = this.topicState(name);
      return topic.partitions.every((log, partition) => group.position(topic, partition) >= log.endOffset);
    });
  }

  /** Lowest position among groups with a running member reading `topic`; null when none reads it. */
  private slowestRunningPosition(topic: TopicState, partition: number): number | null {
    let floor: number | null = null;
    for (const group of this.groups.values()) {
      if (!group.members.some((member) => member.isRunning() && member.topics.includes(topic.name))) continue;
      const position = group.position(topic, partition);
      floor = floor === null ? position : Math.min(floor, position);
    }
    return floor;
  }

  private async waitForSpace(topic: TopicState, partition: number): Promise<void> {
    const log = topic.partitions[partition];
    for (;;) {
      if (this.state !== 'connected' && this.state !== 'closing') throw new TransportClosedError();
      const seen = this.space.version;
      const floor = this.slowestRunningPosition(topic, partition);
      if (floor === null) {
        // Nobody reads this topic: behave like retention, keep the newest messages.
        log.trimBelow(log.endOffset + 1 - this.retainedWithoutConsumers);
        return;
      }
      log.trimBelow(floor);
      if (log.endOffset - floor < this.highWaterMark) return;
      await this.space.wait(seen, this.closeController.signal, this.idlePollMs);
    }
  }
}

class InProcessConsumer implements EventConsumer {
  readonly groupId: string;
  readonly topics: string[];
  private readonly tracker: ConsumerHealthTracker;
  private readonly policy: BackoffPolicy;
  private readonly maxBatchSize: number;
  private group: GroupState | null = null;
  private loop: Promise<void> | null = null;
  private stopController = new AbortController();
  private running = false;
  private started = false;

  constructor(
    private readonly transport: InProcessTransport,
    private readonly options: ConsumerOptions,
    private readonly logger: TransportLogger,
  ) {
    this.groupId = options.groupId;
    this.topics = [...options.topics];
    this.policy = { ...DEFAULT_BACKOFF, ...options.retry };
    this.maxBatchSize = options.maxBatchSize ?? DEFAULT_MAX_BATCH_SIZE;
    this.tracker = new ConsumerHealthTracker(options.stallThresholdMs ?? DEFAULT_STALL_THRESHOLD_MS);
  }

  run(handler: BatchHandler): Promise<void> {
    if (this.started) return Promise.reject(new Error(`consumer ${this.groupId} is already running`));
    this.started = true;
    this.group = this.transport.join(this, this.options.fromBeginning ?? false);
    this.running = true;
    this.tracker.started();
    this.loop = this.consume(this.group, handler).catch((error: unknown) => {
      this.running = false;
      this.tracker.stopped(error);
      this.logger.error({ groupId: this.groupId, err: describeError(error) }, 'in-process consumer crashed');
    });
    return Promise.resolve();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.stopController.abort();
    await this.loop;
    if (this.group) this.transport.leave(this, this.group);
    this.group = null;
    this.tracker.stopped();
  }

  health(): ConsumerHealth {
    return this.tracker.snapshot();
  }

  isRunning(): boolean {
    return this.running;
  }

  private async consume(group: GroupState, handler: BatchHandler): Promise<void> {
    let cursor = 0;
    while (this.running) {
      const seen = this.transport.data.version;
      const assigned = this.assignedPartitions(group);
      let delivered = false;
      for (let i = 0; i < assigned.length && !delivered; i++) {
        const { topic, partition } = assigned[(cursor + i) % assigned.length];
        const messages = topic.partitions[partition].read(
          group.position(topic, partition),
          this.maxBatchSize,
        );
        if (messages.length === 0) continue;
        delivered = true;
        cursor = (cursor + i + 1) % assigned.length; // round-robin: no partition starves the others
        await this.deliver(group, topic, partition, messages, handler);
      }
      if (!delivered) {
        this.tracker.idlePoll();
        await this.transport.data.wait(seen, this.stopController.signal, this.transport.idlePollMs);
      }
    }
  }

  private async deliver(
    group: GroupState,
    topic: TopicState,
    partition: number,
    messages: StoredMessage[],
    handler: BatchHandler,
  ): Promise<void> {
    const generation = group.generation;
    const isStale = (): boolean => group.generation !== generation && !group.owns(this, topic, partition);
    const batch: MessageBatch = {
      topic: topic.name,
      partition,
      highWatermark: String(topic.partitions[partition].endOffset),
      messages: messages.map((message) => ({
        topic: topic.name,
        partition,
        offset: String(message.offset),
        key: message.key,
        value: Buffer.from(message.value), // a copy: handlers must not be able to alter the log
        headers: { ...message.headers },
        timestamp: message.timestamp,
      })),
    };
    const outcome = await deliverBatch({
      batch,
      handler,
      policy: this.policy,
      heartbeat: () => Promise.resolve(),
      isStale,
      isRunning: () => this.running,
      signal: this.stopController.signal,
      health: this.tracker,
      logger: this.logger,
    });
    switch (outcome.kind) {
      case 'DONE':
        if (isStale()) return this.tracker.batchAbandoned();
        this.transport.commit(group, topic, partition, messages[messages.length - 1].offset + 1);
        this.tracker.batchCompleted();
        return;
      case 'ABANDONED':
        return;
      case 'GAVE_UP':
        this.running = false;
        this.tracker.stopped(outcome.error);
        return;
    }
  }

  private assignedPartitions(group: GroupState): { topic: TopicState; partition: number }[] {
    return this.topics.flatMap((name) => {
      const topic = this.transport.topicState(name);
      return topic.partitions
        .map((_, partition) => ({ topic, partition }))
        .filter(({ partition }) => group.owns(this, topic, partition));
    });
  }
}
