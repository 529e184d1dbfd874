import { Module } from '@nestjs/common';
import { AuthModule } from '../auth/auth.module.js';
import { TierDecisionsModule } from '@inner-circle/worker-runtime';
import {
  AuditRepository,
  BusinessRepository,
  TierEvaluationRepository,
  TierMoveRepository,
  TierRepository,
  TransactionRunner,
} from '@inner-circle/persistence';
import { provideRepositories } from '@inner-circle/nest-runtime';
import { TierFieldsResolver } from './tier-fields.resolver.js';
import { TierFieldsService } from './tier-fields.service.js';
import { TierLocksService } from './tier-locks.service.js';
import { TiersResolver } from './tiers.resolver.js';
import { TiersService } from './tiers.service.js';

@Module({
  imports: [AuthModule, TierDecisionsModule],
  providers: [
    ...provideRepositories(
      TierRepository,
      TierMoveRepository,
      TierEvaluationRepository,
      BusinessRepository,
      AuditRepository,
      TransactionRunner,
    ),
    TiersService,
    TierLocksService,
    TierFieldsService,
    TiersResolver,
    TierFieldsResolver,
  ],
  exports: [TiersService],
})
export class TiersModule {}
