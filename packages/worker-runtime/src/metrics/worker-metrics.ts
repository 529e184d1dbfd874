import { Injectable } from '@nestjs/common';
import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from 'prom-client';

/** The worker's Prometheus metrics, on a registry of its own (no global state between app instances). */
@Injectable()
export class WorkerMetrics {
  readonly registry = new Registry();

  readonly eventsConsumed = new Counter({
    name: 'inner_circle_events_consumed_total',
    help: 'Messages taken from Kafka, by topic',
    labelNames: ['topic'] as const,
    registers: [this.registry],
  });

  readonly eventsDeadLettered = new Counter({
    name: 'inner_circle_events_dead_lettered_total',
    help: 'Messages parked on the dead-letter topic, by error class',
    labelNames: ['error_class'] as const,
    registers: [this.registry],
  });

  readonly tierChanges = new Counter({
    name: 'inner_circle_tier_changes_total',
    help: 'Tier changes applied, by direction',
    labelNames: ['direction'] as const,
    registers: [this.registry],
  });

  readonly tierDecisionsSkipped = new Counter({
    name: 'inner_circle_tier_decisions_skipped_total',
    help: 'Events applied without their tier decision because its re-check failed (a bug; see the error log)',
    registers: [this.registry],
  });

  readonly tierMoveCheckFailures = new Counter({
    name: 'inner_circle_tier_move_check_failures_total',
    help: 'Tier plans the database safety net refused (seats, quota or rows not as planned: a bug; see the error log), by event source',
    labelNames: ['source'] as const,
    registers: [this.registry],
  });

  readonly tierLocksSkipped = new Counter({
    name: 'inner_circle_tier_locks_skipped_total',
    help: 'Batches (per business) whose tier decision was skipped without the tier locks: the domain saw no change possible',
    registers: [this.registry],
  });

  readonly tierLocksNarrowed = new Counter({
    name: 'inner_circle_tier_locks_narrowed_total',
    help: 'Ingest batches (per business) that locked the tier rows narrowly: share locks, and exclusive ones only on the bounded tiers their plan reads (exclusive: none or some)',
    labelNames: ['exclusive'] as const,
    registers: [this.registry],
  });

  readonly tierLockRestarts = new Counter({
    name: 'inner_circle_tier_lock_restarts_total',
    help: 'Ingest transactions run again after narrow tier locks: the ladder changed under them (ladder_changed, retried) or a plan read a count not locked (occupancy_not_exact: a bug, see the error log; locks all tiers)',
    labelNames: ['reason'] as const,
    registers: [this.registry],
  });

  readonly scoreRecomputes = new Counter({
    name: 'inner_circle_score_recomputes_total',
    help: 'Customers whose score was rebuilt from stored interactions (late events, model or settings changes)',
    registers: [this.registry],
  });

  readonly batchSize = new Histogram({
    name: 'inner_circle_batch_size',
    help: 'Messages per processed batch',
    buckets: [1, 10, 50, 100, 250, 500, 1000],
    registers: [this.registry],
  });

  readonly batchDuration = new Histogram({
    name: 'inner_circle_batch_duration_seconds',
    help: 'Time to process one batch, database commit included',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
    registers: [this.registry],
  });

  readonly consumerLag = new Gauge({
    name: 'inner_circle_consumer_lag',
    help: 'Messages behind the partition high watermark after the last batch',
    labelNames: ['topic', 'partition'] as const,
    registers: [this.registry],
  });

  readonly bisectRounds = new Counter({
    name: 'inner_circle_poison_bisect_transactions_total',
    help: 'Transactions spent splitting batches the database refused to find their poison messages',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry, prefix: 'inner_circle_worker_' });
  }
}
