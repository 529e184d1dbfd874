import { Module } from '@nestjs/common';
import {
  BusinessRepository,
  OutboxRepository,
  TierEvaluationRepository,
  TierMoveRepository,
  TierRepository,
} from '@inner-circle/persistence';
import { provideRepositories } from '@inner-circle/nest-runtime';
import { WorkerMetrics } from '../metrics/worker-metrics.js';
import { TierEvaluationService } from './tier-evaluation.service.js';

/**
 * The one tier-change service on its own, for hosts that decide tiers outside the worker's
 * loop: the api's locks and erasures go through the very plan and writer the worker uses.
 */
@Module({
  providers: [
    ...provideRepositories(
      BusinessRepository,
      OutboxRepository,
      TierEvaluationRepository,
      TierMoveRepository,
      TierRepository,
    ),
    WorkerMetrics,
    TierEvaluationService,
  ],
  exports: [TierEvaluationService],
})
export class TierDecisionsModule {}
