import type { ConsumerHealthTracker } from './consumer-health-tracker.js';
import type { BatchHandler, MessageBatch } from './event-transport.js';
import { isTransientError } from './is-transient-error.js';
import { AbortedError, type BackoffPolicy, computeBackoffDelay, sleep } from './retry-with-backoff.js';
import { describeError, type TransportLogger } from './transport-logger.js';

export type DeliveryOutcome =
  /** The handler resolved: commit the batch. */
  | { kind: 'DONE' }
  /** Stopped or stale before success: commit nothing, the batch will be delivered again. */
  | { kind: 'ABANDONED' }
  /** `maxAttempts` reached: commit nothing and stop the consumer. */
  | { kind: 'GAVE_UP'; error: unknown };

export interface DeliverBatchParams {
  batch: MessageBatch;
  handler: BatchHandler;
  policy: BackoffPolicy;
  /** The transport's heartbeat. Its errors (e.g. a rebalance) propagate to the caller. */
  heartbeat: () => Promise<void>;
  isStale: () => boolean;
  isRunning: () => boolean;
  /** Aborted when the consumer stops or the partition is revoked. */
  signal: AbortSignal;
  health: ConsumerHealthTracker;
  logger: TransportLogger;
  random?: () => number;
}

/**
 * The at-least-once core shared by both transports: call the handler until it
 * resolves, retrying the same batch with exponential backoff on any error (transient
 * ones are expected; others are logged as errors but still never skipped), with a
 * heartbeat between attempts. Returns what to do with the offsets.
 */
export async function deliverBatch(params: DeliverBatchParams): Promise<DeliveryOutcome> {
  const { batch, handler, policy, health, logger, signal } = params;
  let heartbeatError: Error | undefined;
  const heartbeat = async (): Promise<void> => {
    try {
      await params.heartbeat();
    } catch (error) {
      heartbeatError = error instanceof Error ? error : new Error(String(error));
      throw heartbeatError;
    }
  };
  const first = batch.messages[0];
  const last = batch.messages[batch.messages.length - 1];
  const where = {
    topic: batch.topic,
    partition: batch.partition,
    firstOffset: first?.offset,
    lastOffset: last?.offset,
    size: batch.messages.length,
  };

  health.batchStarted();
  for (let attempt = 1; ; attempt++) {
    if (!params.isRunning() || params.isStale() || signal.aborted) {
      health.batchAbandoned();
      return { kind: 'ABANDONED' };
    }
    try {
      await handler(batch, { heartbeat, isStale: params.isStale, signal, attempt });
      return { kind: 'DONE' };
    } catch (error) {
      // A failed heartbeat means the group is rebalancing: the transport must handle it.
      if (heartbeatError !== undefined) throw heartbeatError;
      if (!params.isRunning() || params.isStale() || signal.aborted) {
        health.batchAbandoned();
        return { kind: 'ABANDONED' };
      }
      health.failed(error);
      const transient = isTransientError(error);
      if (attempt >= policy.maxAttempts) {
        logger.error(
          { ...where, attempt, err: describeError(error), transient },
          'batch handler failed; giving up and stopping the consumer',
        );
        return { kind: 'GAVE_UP', error };
      }
      const delayMs = computeBackoffDelay(attempt, policy, params.random);
      const fields = { ...where, attempt, delayMs, err: describeError(error), transient };
      if (transient) logger.warn(fields, 'batch handler failed with a transient error; retrying the batch');
      else
        logger.error(
          fields,
          'batch handler threw a non-transient error (poison messages should be dead-lettered by the handler); retrying the batch',
        );
      try {
        await sleep(delayMs, signal);
      } catch (sleepError) {
        if (!(sleepError instanceof AbortedError)) throw sleepError;
        health.batchAbandoned();
        return { kind: 'ABANDONED' };
      }
      await heartbeat();
    }
  }
}
