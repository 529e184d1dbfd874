import { Inject } from '@nestjs/common';
import { ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { ScoringSettingsObject } from '../scoring/dto/scoring-settings.object.js';
import { TierLadderObject } from '../tiers/dto/tier-ladder.object.js';
import { LongWorkProgressObject } from './dto/long-work-progress.object.js';
import { toLongWorkProgressObject } from './long-work-progress.mapper.js';
import { LongWorkService } from './long-work.service.js';

// Readable wherever the parent is: the same scopes as the ladder and the scoring settings.
@Resolver(() => TierLadderObject)
export class TierLadderApplicationResolver {
  constructor(@Inject(LongWorkService) private readonly longWork: LongWorkService) {}

  @ResolveField(() => LongWorkProgressObject, {
    nullable: true,
    description:
      'How far the worker got in re-placing every customer under the newest ladder version; null when no application was recorded for it.',
  })
  async application(@CurrentCaller() caller: Caller): Promise<LongWorkProgressObject | null> {
    const reading = await this.longWork.progressOf(caller.businessId, 'TIER_LADDER');
    return reading && toLongWorkProgressObject(reading.progress, reading.readAt);
  }
}

@Resolver(() => ScoringSettingsObject)
export class ScoringRecomputeResolver {
  constructor(@Inject(LongWorkService) private readonly longWork: LongWorkService) {}

  @ResolveField(() => LongWorkProgressObject, {
    nullable: true,
    description:
      'How far the worker got in recomputing every score under the newest scoring version; null when no recompute was recorded for it.',
  })
  async recompute(@CurrentCaller() caller: Caller): Promise<LongWorkProgressObject | null> {
    const reading = await this.longWork.progressOf(caller.businessId, 'SCORE_RECOMPUTE');
    return reading && toLongWorkProgressObject(reading.progress, reading.readAt);
  }
}
