import { Inject, Injectable, Logger } from '@nestjs/common';
import {
  INTERACTION_RECORDED_V1,
  type InteractionRecordedV1Payload,
  parseEvent,
} from '@inner-circle/contracts';
import type { IncomingMessage, MessageBatch } from '@inner-circle/messaging';
import { DeadLetterPublisher, type PoisonMessage } from '../consumer/dead-letter.publisher.js';
import { InteractionIngestService } from '../interactions/interaction-ingest.service.js';

/**
 * One batch of `loyalty.interactions.v1`: validate every message exactly as the API
 * does, dead-letter what can never succeed, apply the rest in one transaction. Throwing
 * (only for transient failures) makes the transport retry the batch; nothing is lost.
 */
@Injectable()
export class InteractionRecordedHandler {
  private readonly logger = new Logger(InteractionRecordedHandler.name);

  constructor(
    @Inject(InteractionIngestService) private readonly ingest: InteractionIngestService,
    @Inject(DeadLetterPublisher) private readonly deadLetters: DeadLetterPublisher,
  ) {}

  async handleBatch(batch: MessageBatch): Promise<void> {
    const accepted: { message: IncomingMessage; payload: InteractionRecordedV1Payload }[] = [];
    const poison: PoisonMessage[] = [];
    for (const message of batch.messages) {
      const parsed = parseEvent(message.value, INTERACTION_RECORDED_V1);
      if (parsed.ok) accepted.push({ message, payload: parsed.event.data });
      else poison.push({ message, errorClass: parsed.error.kind, errorMessage: parsed.error.message });
    }

    if (accepted.length) {
      const outcome = await this.ingest.ingest(accepted.map(({ payload }) => payload));
      for (const index of outcome.unknownBusiness) {
        poison.push({
          message: accepted[index].message,
          errorClass: 'UNKNOWN_BUSINESS',
          errorMessage: `No business with id ${accepted[index].payload.businessId}`,
        });
      }
      this.logger.debug(
        {
          topic: batch.topic,
          partition: batch.partition,
          applied: outcome.applied,
          duplicates: outcome.duplicates,
        },
        'interaction batch applied',
      );
    }
    await this.deadLetters.publish(poison);
  }
}
