import { HealthIndicatorService } from '@nestjs/terminus';
import type { ConsumerHealth } from '@inner-circle/messaging';
import type { InteractionConsumerService } from '../consumer/interaction-consumer.service.js';
import { ConsumerHealthIndicator } from './consumer.health.js';

function indicatorFor(health: ConsumerHealth): ConsumerHealthIndicator {
  const consumer = { health: () => health } as unknown as InteractionConsumerService;
  return new ConsumerHealthIndicator(consumer, new HealthIndicatorService());
}

const base: ConsumerHealth = { running: true, stalled: false, lastBatchAt: null, lastError: null };

describe('ConsumerHealthIndicator', () => {
  it('is up while running, not stalled, and fetching', () => {
    expect(indicatorFor({ ...base, fetching: true }).check().interactionConsumer.status).toBe('up');
  });

  it('is up for a transport without group membership (no `fetching`)', () => {
    expect(indicatorFor(base).check().interactionConsumer.status).toBe('up');
  });

  it.each([
    ['rejoining its group', { ...base, fetching: false }],
    ['stalled', { ...base, stalled: true, fetching: true }],
    ['stopped', { ...base, running: false, fetching: false }],
  ])('is down while %s', (_state, health) => {
    expect(indicatorFor(health).check().interactionConsumer).toMatchObject({
      status: 'down',
      running: health.running,
      stalled: health.stalled,
    });
  });
});
