import type { ConsumerHealth } from './event-transport.js';
import { describeError } from './transport-logger.js';

/**
 * Bookkeeping behind `EventConsumer.health()`, shared by both transports. "Progress" is a
 * completed batch or an idle poll (the loop looked and found nothing); a consumer is
 * stalled when it runs but shows no progress for longer than the threshold, or when one
 * batch has been failing and retrying for longer than that.
 */
export class ConsumerHealthTracker {
  private running = false;
  private lastBatchAt: Date | null = null;
  private lastError: string | null = null;
  private lastProgressAt = 0;
  private inFlightSince: number | null = null;
  /** Group membership, for transports that have one (Kafka): 'untracked' leaves `fetching` out. */
  private membership: 'untracked' | 'joining' | 'fetching' = 'untracked';

  constructor(
    private readonly stallThresholdMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** The transport reports group membership: `fetching` starts false until the first fetch. */
  trackMembership(): void {
    this.membership = 'joining';
  }

  /** Joining or rejoining the group (start, rebalance, restart after a crash): no partition is being read. */
  joining(): void {
    if (this.membership !== 'untracked') this.membership = 'joining';
  }

  /** The fetch loop runs: the member holds its assignment and reads. */
  fetching(): void {
    if (this.membership !== 'untracked') this.membership = 'fetching';
  }

  started(): void {
    this.joining();
    this.running = true;
    this.lastProgressAt = this.now();
    this.inFlightSince = null;
  }

  stopped(error?: unknown): void {
    this.joining();
    this.running = false;
    this.inFlightSince = null;
    if (error !== undefined) this.failed(error);
  }

  batchStarted(): void {
    this.inFlightSince ??= this.now();
  }

  batchCompleted(): void {
    const now = this.now();
    this.inFlightSince = null;
    this.lastBatchAt = new Date(now);
    this.lastProgressAt = now;
  }

  /** The batch was given up without commit because of a stop or a rebalance: not a stall. */
  batchAbandoned(): void {
    this.inFlightSince = null;
    this.lastProgressAt = this.now();
  }

  idlePoll(): void {
    if (this.inFlightSince === null) this.lastProgressAt = this.now();
  }

  /** Records the error; it stays visible until the next one (it is history, not state). */
  failed(error: unknown): void {
    this.lastError = describeError(error);
  }

  isRunning(): boolean {
    return this.running;
  }

  snapshot(): ConsumerHealth {
    const now = this.now();
    const stuckBatch = this.inFlightSince !== null && now - this.inFlightSince > this.stallThresholdMs;
    const silentLoop = now - this.lastProgressAt > this.stallThresholdMs;
    return {
      running: this.running,
      lastBatchAt: this.lastBatchAt,
      lastError: this.lastError,
      stalled: this.running && (stuckBatch || silentLoop),
      ...(this.membership === 'untracked'
        ? {}
        : { fetching: this.running && this.membership === 'fetching' }),
    };
  }
}
