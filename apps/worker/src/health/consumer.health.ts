import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { InteractionConsumerService } from '../consumer/interaction-consumer.service.js';

/** Fails when the consume loop stopped or stalled, not only when the broker is unreachable. */
@Injectable()
export class ConsumerHealthIndicator {
  constructor(
    @Inject(InteractionConsumerService) private readonly consumer: InteractionConsumerService,
    @Inject(HealthIndicatorService) private readonly health: HealthIndicatorService,
  ) {}

  check(key = 'interactionConsumer'): HealthIndicatorResult {
    const indicator = this.health.check(key);
    const { running, stalled, lastError, lastBatchAt } = this.consumer.health();
    const details = { running, stalled, lastError, lastBatchAt: lastBatchAt?.toISOString() ?? null };
    return running && !stalled ? indicator.up(details) : indicator.down(details);
  }
}
