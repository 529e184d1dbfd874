import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { Loaders } from '../common/dataloader/loaders.decorator.js';
import type { RequestLoaders } from '../common/dataloader/request-loaders.js';
import { TierObject } from '../tiers/dto/tier.object.js';
import { campaignTierLoader } from './campaign-loaders.js';
import { CampaignsService } from './campaigns.service.js';
import { CampaignAudienceObject } from './dto/campaign.object.js';

@Resolver(() => CampaignAudienceObject)
export class CampaignAudienceResolver {
  constructor(@Inject(CampaignsService) private readonly service: CampaignsService) {}

  @ResolveField(() => [TierObject], { nullable: true })
  async tiers(
    @Parent() audience: CampaignAudienceObject,
    @CurrentCaller() caller: Caller,
    @Loaders() loaders: RequestLoaders,
  ): Promise<TierObject[] | null> {
    if (audience.tierIds === null) return null;
    const tiers = await campaignTierLoader(loaders, this.service, caller.businessId).loadMany(
      audience.tierIds,
    );
    return tiers.filter((tier): tier is TierObject => tier !== null && !(tier instanceof Error));
  }
}
