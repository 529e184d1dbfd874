import { Inject } from '@nestjs/common';
import { Parent, Query, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { TierObject } from '../tiers/dto/tier.object.js';
import { TiersService } from '../tiers/tiers.service.js';
import { BusinessesService } from './businesses.service.js';
import { BusinessObject } from './dto/business.object.js';

@Resolver(() => BusinessObject)
export class BusinessesResolver {
  constructor(
    @Inject(BusinessesService) private readonly businesses: BusinessesService,
    @Inject(TiersService) private readonly tierService: TiersService,
  ) {}

  @Query(() => BusinessObject, { description: 'The caller’s own business.' })
  business(@CurrentCaller() caller: Caller): Promise<BusinessObject> {
    return this.businesses.getCallerBusiness(caller.businessId);
  }

  @ResolveField(() => [TierObject])
  tiers(@Parent() business: BusinessObject): Promise<TierObject[]> {
    return this.tierService.listLadder(business.id);
  }
}
