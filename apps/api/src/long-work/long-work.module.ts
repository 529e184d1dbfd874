import { Module } from '@nestjs/common';
import { LongWorkProgressRepository } from '@inner-circle/persistence';
import { provideRepositories } from '@inner-circle/nest-runtime';
import { ScoringRecomputeResolver, TierLadderApplicationResolver } from './long-work.resolver.js';
import { LongWorkService } from './long-work.service.js';

/** Progress of the worker's whole-business jobs, as fields of the objects whose change started them. */
@Module({
  providers: [
    ...provideRepositories(LongWorkProgressRepository),
    LongWorkService,
    TierLadderApplicationResolver,
    ScoringRecomputeResolver,
  ],
  exports: [LongWorkService],
})
export class LongWorkModule {}
