import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import {
  buildInteractionRecordedV1Event,
  CLOUDEVENTS_STRUCTURED_CONTENT_TYPE,
  interactionKey,
  type InteractionRecordedV1Payload,
  serializeEvent,
  Topics,
} from '@inner-circle/contracts';
import { EVENT_TRANSPORT, type EventTransport } from '@inner-circle/messaging';
import { API_EVENT_SOURCE } from '../common/event-source.js';

/** Publishes validated interaction payloads to `loyalty.interactions.v1`, keyed per customer. */
@Injectable()
export class InteractionEventPublisher {
  constructor(@Inject(EVENT_TRANSPORT) private readonly transport: EventTransport) {}

  /** One publish for the whole batch: it resolves only once every message is acknowledged. */
  async publish(payloads: InteractionRecordedV1Payload[], now: Date): Promise<void> {
    if (!payloads.length) return;
    await this.transport.publish(
      Topics.interactions,
      payloads.map((payload) => ({
        key: interactionKey(payload.businessId, payload.customerRef),
        value: serializeEvent(
          buildInteractionRecordedV1Event(payload, { id: randomUUID(), time: now, source: API_EVENT_SOURCE }),
        ),
        headers: { 'content-type': CLOUDEVENTS_STRUCTURED_CONTENT_TYPE },
      })),
    );
  }
}
