import { Inject } from '@nestjs/common';
import { Args, Mutation, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ApiKeyScope } from '../auth/api-key-scope.js';
import { CurrentCaller, RequireScopes } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { Loaders } from '../common/dataloader/loaders.decorator.js';
import type { RequestLoaders } from '../common/dataloader/request-loaders.js';
import { TierObject } from '../tiers/dto/tier.object.js';
import { campaignLoader, campaignTierLoader } from './campaign-loaders.js';
import { CampaignsService } from './campaigns.service.js';
import { CampaignObject } from './dto/campaign.object.js';
import { RedeemCampaignArgs } from './dto/campaign.args.js';
import { RedemptionObject, RedemptionResultObject } from './dto/redemption.object.js';
import { RedemptionsService } from './redemptions.service.js';

@Resolver(() => RedemptionObject)
export class RedemptionsResolver {
  constructor(
    @Inject(RedemptionsService) private readonly service: RedemptionsService,
    @Inject(CampaignsService) private readonly campaignsService: CampaignsService,
  ) {}

  @Mutation(() => RedemptionResultObject, {
    description:
      'Redeems once per idempotency key: a retry returns the original redemption with replayed = true. ' +
      'A refusal is an error whose extensions.reason is the RedemptionRefusal.',
  })
  @RequireScopes(ApiKeyScope.CampaignsWrite)
  redeemCampaign(
    @CurrentCaller() caller: Caller,
    @Args() { input }: RedeemCampaignArgs,
  ): Promise<RedemptionResultObject> {
    return this.service.redeem(caller.businessId, input);
  }

  @ResolveField(() => CampaignObject)
  async campaign(
    @Parent() redemption: RedemptionObject,
    @CurrentCaller() caller: Caller,
    @Loaders() loaders: RequestLoaders,
  ): Promise<CampaignObject> {
    const campaign = await campaignLoader(loaders, this.campaignsService, caller.businessId).load(
      redemption.campaignId,
    );
    // Redemptions are read scoped to the same business as their campaign, so it is always there.
    if (!campaign)
      throw new Error(`campaign ${redemption.campaignId} of redemption ${redemption.id} is missing`);
    return campaign;
  }

  @ResolveField(() => TierObject, { nullable: true })
  tier(
    @Parent() redemption: RedemptionObject,
    @CurrentCaller() caller: Caller,
    @Loaders() loaders: RequestLoaders,
  ): Promise<TierObject | null> {
    if (redemption.tierId === null) return Promise.resolve(null);
    return campaignTierLoader(loaders, this.campaignsService, caller.businessId).load(redemption.tierId);
  }
}
