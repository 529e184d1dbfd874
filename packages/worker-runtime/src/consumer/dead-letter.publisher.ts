import { Inject, Injectable, Logger } from '@nestjs/common';
import { buildDeadLetterHeaders, Topics } from '@inner-circle/contracts';
import { EVENT_TRANSPORT, type EventTransport, type IncomingMessage } from '@inner-circle/messaging';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';

export interface PoisonMessage {
  message: IncomingMessage;
  errorClass: string;
  errorMessage: string;
}

/** Parks messages that can never succeed, byte for byte, so the partition keeps moving. */
@Injectable()
export class DeadLetterPublisher {
  private readonly logger = new Logger(DeadLetterPublisher.name);

  constructor(
    @Inject(EVENT_TRANSPORT) private readonly transport: EventTransport,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async publish(poison: PoisonMessage[]): Promise<void> {
    if (!poison.length) return;
    const failedAt = this.clock.now();
    await this.transport.publish(
      Topics.interactionsDeadLetter,
      poison.map(({ message, errorClass, errorMessage }) => ({
        key: message.key ?? '',
        value: message.value ?? '',
        headers: buildDeadLetterHeaders({
          originalTopic: message.topic,
          originalPartition: message.partition,
          originalOffset: message.offset,
          errorClass,
          errorMessage,
          failedAt,
        }),
      })),
    );
    for (const { message, errorClass } of poison) {
      this.logger.warn(
        { topic: message.topic, partition: message.partition, offset: message.offset, errorClass },
        'message dead-lettered',
      );
    }
  }
}
