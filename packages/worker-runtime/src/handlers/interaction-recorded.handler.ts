import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  INTERACTION_RECORDED_V1,
  type InteractionRecordedV1Payload,
  parseEvent,
} from '@inner-circle/contracts';
import { DAY_MS } from '@inner-circle/domain';
import { type IncomingMessage, isolatePoison, type MessageBatch } from '@inner-circle/messaging';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import { DeadLetterPublisher, type PoisonMessage } from '../consumer/dead-letter.publisher.js';
import { type IngestOutcome, InteractionIngestService } from '../interactions/interaction-ingest.service.js';
import { isDataRejection } from '../interactions/is-data-rejection.js';
import { WorkerMetrics } from '../metrics/worker-metrics.js';
import { OutboxRelayService } from '../outbox/outbox-relay.service.js';

/** Clocks disagree a little; an event dated further ahead would freeze the score's asOf in the future. */
const MAX_CLOCK_SKEW_MS = DAY_MS;

interface AcceptedMessage {
  message: IncomingMessage;
  payload: InteractionRecordedV1Payload;
}

/**
 * One batch of `loyalty.interactions.v1`: validate every message exactly as the API
 * does, dead-letter what can never succeed, apply the rest in one transaction. Throwing
 * (only for transient failures) makes the transport retry the batch; nothing is lost.
 */
@Injectable()
export class InteractionRecordedHandler {
  private readonly logger = new Logger(InteractionRecordedHandler.name);

  constructor(
    @Inject(InteractionIngestService) private readonly interactions: InteractionIngestService,
    @Inject(DeadLetterPublisher) private readonly deadLetters: DeadLetterPublisher,
    @Inject(WorkerMetrics) private readonly metrics: WorkerMetrics,
    @Inject(OutboxRelayService) private readonly relay: OutboxRelayService,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** `heartbeat`: the batch context's, called between the rounds of a long bisection. */
  async handleBatch(
    batch: MessageBatch,
    heartbeat: () => Promise<void> = () => Promise.resolve(),
  ): Promise<void> {
    const now = this.clock.now();
    const endTimer = this.metrics.batchDuration.startTimer();
    const accepted: AcceptedMessage[] = [];
    const poison: PoisonMessage[] = [];
    for (const message of batch.messages) {
      const parsed = parseEvent(message.value, INTERACTION_RECORDED_V1);
      if (!parsed.ok) {
        poison.push({ message, errorClass: parsed.error.kind, errorMessage: parsed.error.message });
      } else if (Date.parse(parsed.event.data.interaction.occurredAt) > now.getTime() + MAX_CLOCK_SKEW_MS) {
        poison.push({
          message,
          errorClass: 'OCCURRED_IN_FUTURE',
          errorMessage: `interaction.occurredAt ${parsed.event.data.interaction.occurredAt} is in the future`,
        });
      } else {
        accepted.push({ message, payload: parsed.event.data });
      }
    }

    if (accepted.length) poison.push(...(await this.apply(accepted, heartbeat)));
    this.logger.debug(
      { topic: batch.topic, partition: batch.partition, accepted: accepted.length, poison: poison.length },
      'interaction batch handled',
    );
    await this.deadLetters.publish(poison);
    this.record(batch, poison, endTimer);
  }

  private record(batch: MessageBatch, poison: PoisonMessage[], endTimer: () => number): void {
    endTimer();
    this.metrics.batchSize.observe(batch.messages.length);
    this.metrics.eventsConsumed.inc({ topic: batch.topic }, batch.messages.length);
    for (const { errorClass } of poison) this.metrics.eventsDeadLettered.inc({ error_class: errorClass });
    const last = batch.messages.at(-1);
    if (batch.highWatermark !== undefined && last) {
      const lag = Number(BigInt(batch.highWatermark) - BigInt(last.offset) - 1n);
      this.metrics.consumerLag.set(
        { topic: batch.topic, partition: String(batch.partition) },
        Math.max(0, lag),
      );
    }
  }

  /**
   * Applies the batch in one transaction. A value the database refuses (a data or
   * constraint error, which no retry can fix) must not block the partition: the batch is
   * then split in halves, recursively, until each refused message stands alone and is
   * parked, while the others are applied in order (about 2·log2(n) transactions for one
   * culprit among n, instead of n for a one-at-a-time replay).
   */
  private async apply(accepted: AcceptedMessage[], heartbeat: () => Promise<void>): Promise<PoisonMessage[]> {
    const outcome = await isolatePoison(
      accepted,
      async (chunk) => (await this.ingest(chunk.map((a) => a.payload))).unknownBusiness,
      isDataRejection,
      { beforeRound: heartbeat },
    );
    if (outcome.rejected.length) this.metrics.bisectRounds.inc(outcome.rounds);
    return [
      ...outcome.applied.flatMap(({ items, result }) => this.unknownBusinesses(items, result)),
      ...outcome.rejected.map(({ item, error }) => this.rejected(item, error)),
    ];
  }

  /** Tier changes are committed: the relay publishes them now instead of at its next poll. */
  private async ingest(payloads: InteractionRecordedV1Payload[]): Promise<IngestOutcome> {
    const outcome = await this.interactions.ingest(payloads);
    if (outcome.outboxEvents > 0) this.relay.wake();
    return outcome;
  }

  private unknownBusinesses(accepted: AcceptedMessage[], indexes: number[]): PoisonMessage[] {
    return indexes.map((index) => ({
      message: accepted[index].message,
      errorClass: 'UNKNOWN_BUSINESS',
      errorMessage: `No business with id ${accepted[index].payload.businessId}`,
    }));
  }

  private rejected({ message }: AcceptedMessage, error: unknown): PoisonMessage {
    return {
      message,
      errorClass: 'REJECTED_BY_DATABASE',
      errorMessage: error instanceof Error ? error.message : String(error),
    };
  }
}
