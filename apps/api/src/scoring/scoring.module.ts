import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import {
  AuditRepository,
  BusinessRepository,
  CustomerActivityRepository,
  TierEvaluationRepository,
  TierRepository,
  TransactionRunner,
} from '@inner-circle/persistence';
import { provideRepositories } from '@inner-circle/nest-runtime';
import { CustomersModule } from '../customers/customers.module.js';
import { ScoringResolver } from './scoring.resolver.js';
import { SimulatedScoreRankResolver } from './simulated-score-rank.resolver.js';
import { ScoringSettingsService } from './scoring-settings.service.js';
import { ScoringSimulationService } from './scoring-simulation.service.js';

/** A business's scoring settings: read, change (the worker recomputes), simulate. */
@Module({
  imports: [AuthModule, CustomersModule],
  providers: [
    ...provideRepositories(
      BusinessRepository,
      AuditRepository,
      CustomerActivityRepository,
      TierEvaluationRepository,
      TierRepository,
      TransactionRunner,
    ),
    ScoringSettingsService,
    ScoringSimulationService,
    ScoringResolver,
    SimulatedScoreRankResolver,
  ],
})
export class ScoringModule {}
