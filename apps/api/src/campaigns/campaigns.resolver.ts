import { Inject } from '@nestjs/common';
import { Args, Mutation, Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CampaignStatus } from '@inner-circle/domain';
import { ApiKeyScope } from '../auth/api-key-scope.js';
import { CurrentCaller, RequireScopes } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { Loaders } from '../common/dataloader/loaders.decorator.js';
import type { RequestLoaders } from '../common/dataloader/request-loaders.js';
import { type Connection, ConnectionType } from '../common/pagination/connection.js';
import { campaignStatsLoader } from './campaign-loaders.js';
import { CampaignsService } from './campaigns.service.js';
import {
  CampaignIdArgs,
  CreateCampaignArgs,
  CampaignsArgs,
  ScheduleCampaignArgs,
  UpdateCampaignArgs,
} from './dto/campaign.args.js';
import { CampaignCapacityObject, CampaignObject, CampaignStatsObject } from './dto/campaign.object.js';

const CampaignConnection = ConnectionType(CampaignObject, 'Campaign');

/**
 * Reads need `customers:read`: there is no campaigns:read scope, and stats describe customers.
 * Writes (including status changes) need `campaigns:write`.
 */
@Resolver(() => CampaignObject)
export class CampaignsResolver {
  constructor(@Inject(CampaignsService) private readonly service: CampaignsService) {}

  @Query(() => CampaignObject)
  @RequireScopes(ApiKeyScope.CustomersRead)
  campaign(@CurrentCaller() caller: Caller, @Args() { id }: CampaignIdArgs): Promise<CampaignObject> {
    return this.service.get(caller.businessId, id);
  }

  @Query(() => CampaignConnection, { description: 'Newest first.' })
  @RequireScopes(ApiKeyScope.CustomersRead)
  campaigns(
    @CurrentCaller() caller: Caller,
    @Args() args: CampaignsArgs,
  ): Promise<Connection<CampaignObject>> {
    return this.service.list(caller.businessId, args);
  }

  @Mutation(() => CampaignObject, { description: 'Creates a DRAFT campaign.' })
  @RequireScopes(ApiKeyScope.CampaignsWrite)
  createCampaign(
    @CurrentCaller() caller: Caller,
    @Args() { input }: CreateCampaignArgs,
  ): Promise<CampaignObject> {
    return this.service.create(caller.businessId, input);
  }

  @Mutation(() => CampaignObject, {
    description: 'Only DRAFT, SCHEDULED and PAUSED campaigns can be edited.',
  })
  @RequireScopes(ApiKeyScope.CampaignsWrite)
  updateCampaign(
    @CurrentCaller() caller: Caller,
    @Args() { id, input }: UpdateCampaignArgs,
  ): Promise<CampaignObject> {
    return this.service.update(caller.businessId, id, input);
  }

  @Mutation(() => CampaignObject, { description: 'From DRAFT, SCHEDULED or PAUSED; needs a start date.' })
  @RequireScopes(ApiKeyScope.CampaignsWrite)
  scheduleCampaign(
    @CurrentCaller() caller: Caller,
    @Args() { id, startsAt }: ScheduleCampaignArgs,
  ): Promise<CampaignObject> {
    return this.service.transition(caller.businessId, id, CampaignStatus.SCHEDULED, startsAt);
  }

  @Mutation(() => CampaignObject, { description: 'From DRAFT, SCHEDULED or PAUSED.' })
  @RequireScopes(ApiKeyScope.CampaignsWrite)
  activateCampaign(@CurrentCaller() caller: Caller, @Args() { id }: CampaignIdArgs): Promise<CampaignObject> {
    return this.service.transition(caller.businessId, id, CampaignStatus.ACTIVE);
  }

  @Mutation(() => CampaignObject, { description: 'From SCHEDULED or ACTIVE.' })
  @RequireScopes(ApiKeyScope.CampaignsWrite)
  pauseCampaign(@CurrentCaller() caller: Caller, @Args() { id }: CampaignIdArgs): Promise<CampaignObject> {
    return this.service.transition(caller.businessId, id, CampaignStatus.PAUSED);
  }

  @Mutation(() => CampaignObject, { description: 'From any status but ENDED; final.' })
  @RequireScopes(ApiKeyScope.CampaignsWrite)
  endCampaign(@CurrentCaller() caller: Caller, @Args() { id }: CampaignIdArgs): Promise<CampaignObject> {
    return this.service.transition(caller.businessId, id, CampaignStatus.ENDED);
  }

  @ResolveField(() => CampaignStatsObject)
  async stats(
    @Parent() campaign: CampaignObject,
    @CurrentCaller() caller: Caller,
    @Loaders() loaders: RequestLoaders,
  ): Promise<CampaignStatsObject> {
    return (await campaignStatsLoader(loaders, this.service, caller.businessId).load(campaign)).stats;
  }

  @ResolveField(() => CampaignCapacityObject)
  async remaining(
    @Parent() campaign: CampaignObject,
    @CurrentCaller() caller: Caller,
    @Loaders() loaders: RequestLoaders,
  ): Promise<CampaignCapacityObject> {
    return (await campaignStatsLoader(loaders, this.service, caller.businessId).load(campaign)).remaining;
  }
}
