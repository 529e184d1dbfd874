import { Module } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import {
  BusinessRepository,
  CustomerActivityRepository,
  CustomerRepository,
  LongWorkProgressRepository,
  OutboxRepository,
  TierEvaluationRepository,
  TierMoveRepository,
  TierRepository,
  TransactionRunner,
} from '@inner-circle/persistence';
import { provideRepositories } from '@inner-circle/nest-runtime';
import { DeadLetterPublisher } from './consumer/dead-letter.publisher.js';
import { InteractionConsumerService } from './consumer/interaction-consumer.service.js';
import { InteractionRecordedHandler } from './handlers/interaction-recorded.handler.js';
import { ConsumerHealthIndicator } from './health/consumer.health.js';
import { InteractionIngestService } from './interactions/interaction-ingest.service.js';
import { WorkerMetrics } from './metrics/worker-metrics.js';
import { OutboxRelayService } from './outbox/outbox-relay.service.js';
import { TierSweepService } from './scheduler/tier-sweep.service.js';
import { ScoreRecomputeService } from './scores/score-recompute.service.js';
import { TierEvaluationService } from './tiers/tier-evaluation.service.js';

/**
 * The worker's processing, without a process around it: the standalone worker and the
 * api's embedded mode both import it. Expects config, database, logging and the event
 * transport to be provided globally by the host.
 */
@Module({
  imports: [TerminusModule],
  providers: [
    ...provideRepositories(
      BusinessRepository,
      CustomerActivityRepository,
      CustomerRepository,
      LongWorkProgressRepository,
      OutboxRepository,
      TierEvaluationRepository,
      TierMoveRepository,
      TierRepository,
      TransactionRunner,
    ),
    InteractionIngestService,
    DeadLetterPublisher,
    InteractionRecordedHandler,
    InteractionConsumerService,
    ConsumerHealthIndicator,
    OutboxRelayService,
    WorkerMetrics,
    TierEvaluationService,
    TierSweepService,
    ScoreRecomputeService,
  ],
  exports: [ConsumerHealthIndicator, InteractionIngestService, WorkerMetrics, TierSweepService],
})
export class WorkerModule {}
