import { Inject, Injectable } from '@nestjs/common';
import type { InteractionRecordedV1Payload } from '@inner-circle/contracts';
import type { Caller } from '../auth/caller.js';
import { checkInteraction } from './check-interaction.js';
import type { InteractionInput } from './dto/interaction.input.js';
import type {
  RecordInteractionErrorObject,
  RecordInteractionsResultObject,
} from './dto/record-interactions-result.object.js';
import { InteractionEventPublisher } from './interaction-event.publisher.js';
import { InteractionException } from './interactions.exception.js';

/**
 * Validates interactions and hands them to the event stream; the worker applies them.
 * Nothing is written here, so "accepted" means published, not yet scored.
 */
@Injectable()
export class InteractionsService {
  constructor(@Inject(InteractionEventPublisher) private readonly publisher: InteractionEventPublisher) {}

  async recordMany(caller: Caller, items: InteractionInput[]): Promise<RecordInteractionsResultObject> {
    const now = new Date();
    const valid: InteractionRecordedV1Payload[] = [];
    const errors: RecordInteractionErrorObject[] = [];
    items.forEach((item, index) => {
      const check = checkInteraction(caller.businessId, item, now);
      if (check.ok) valid.push(check.payload);
      else
        errors.push({
          index,
          id: item.id,
          code: check.code,
          message: check.message,
          fieldErrors: check.fieldErrors,
        });
    });
    await this.publisher.publish(valid, now);
    return { accepted: valid.map((payload) => payload.interaction.id), errors };
  }

  /** One item: a validation failure is an error of the call, not a result. */
  async recordOne(caller: Caller, item: InteractionInput): Promise<{ id: string }> {
    const now = new Date();
    const check = checkInteraction(caller.businessId, item, now);
    if (!check.ok) throw new InteractionException(check.code, check.message, check.fieldErrors);
    await this.publisher.publish([check.payload], now);
    return { id: check.payload.interaction.id };
  }
}
