import { Inject } from '@nestjs/common';
import { Args, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { ApiKeyScope } from '../auth/api-key-scope.js';
import { CurrentCaller, RequireScopes } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { InnerCircleGrowthArgs, TopReferrersArgs } from './dto/insights.args.js';
import {
  InnerCircleGrowthWeekObject,
  TierDistributionEntryObject,
  TierEngagementObject,
  TopReferrerObject,
} from './dto/insights-results.object.js';
import { InsightsObject } from './dto/insights.object.js';
import { InsightsService } from './insights.service.js';

@Resolver(() => InsightsObject)
export class InsightsResolver {
  constructor(@Inject(InsightsService) private readonly service: InsightsService) {}

  @Query(() => InsightsObject)
  @RequireScopes(ApiKeyScope.InsightsRead)
  insights(@CurrentCaller() caller: Caller): InsightsObject {
    return { businessId: caller.businessId };
  }

  @ResolveField(() => [TierDistributionEntryObject], { description: '"No tier" first, then by rank.' })
  tierDistribution(@Parent() parent: InsightsObject): Promise<TierDistributionEntryObject[]> {
    return this.service.tierDistribution(parent.businessId);
  }

  @ResolveField(() => [InnerCircleGrowthWeekObject], { description: 'Oldest week first.' })
  innerCircleGrowth(
    @CurrentCaller() caller: Caller,
    @Parent() parent: InsightsObject,
    @Args() { weeks }: InnerCircleGrowthArgs,
  ): Promise<InnerCircleGrowthWeekObject[]> {
    // Insights is a query, so nothing in the operation can have moved the time zone read with the key.
    return this.service.innerCircleGrowth(parent.businessId, caller.scoringSettings.timeZone, weeks);
  }

  @ResolveField(() => [TierEngagementObject], { description: 'Every tier of the current ladder, by rank.' })
  byTier(@Parent() parent: InsightsObject): Promise<TierEngagementObject[]> {
    return this.service.byTier(parent.businessId);
  }

  @ResolveField(() => [TopReferrerObject], {
    description: 'Most referrals first; customers without any are left out.',
  })
  topReferrers(
    @Parent() parent: InsightsObject,
    @Args() { limit }: TopReferrersArgs,
  ): Promise<TopReferrerObject[]> {
    return this.service.topReferrers(parent.businessId, limit);
  }
}
