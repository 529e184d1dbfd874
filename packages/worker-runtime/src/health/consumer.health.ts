import { Inject, Injectable } from '@nestjs/common';
import { HealthIndicatorService, type HealthIndicatorResult } from '@nestjs/terminus';
import { InteractionConsumerService } from '../consumer/interaction-consumer.service.js';

/**
 * Fails when the consume loop stopped or stalled, or while the member is out of its group
 * (joining, rebalancing, restarting after a crash), not only when the broker is unreachable.
 */
@Injectable()
export class ConsumerHealthIndicator {
  constructor(
    @Inject(InteractionConsumerService) private readonly consumer: InteractionConsumerService,
    @Inject(HealthIndicatorService) private readonly health: HealthIndicatorService,
  ) {}

  check(key = 'interactionConsumer'): HealthIndicatorResult {
    const indicator = this.health.check(key);
    const { running, stalled, fetching, lastError, lastBatchAt } = this.consumer.health();
    const details = {
      running,
      stalled,
      ...(fetching === undefined ? {} : { fetching }),
      lastError,
      lastBatchAt: lastBatchAt?.toISOString() ?? null,
    };
    return running && !stalled && fetching !== false ? indicator.up(details) : indicator.down(details);
  }
}
