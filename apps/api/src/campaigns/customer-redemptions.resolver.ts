import { Inject } from '@nestjs/common';
import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { Loaders } from '../common/dataloader/loaders.decorator.js';
import type { RequestLoaders } from '../common/dataloader/request-loaders.js';
import { CustomerObject } from '../customers/dto/customer.object.js';
import { CustomerRedemptionsArgs } from './dto/campaign.args.js';
import { RedemptionObject } from './dto/redemption.object.js';
import { RedemptionsService } from './redemptions.service.js';

/** `Customer.redemptions`: one statement for every customer of the page. */
@Resolver(() => CustomerObject)
export class CustomerRedemptionsResolver {
  constructor(@Inject(RedemptionsService) private readonly service: RedemptionsService) {}

  @ResolveField(() => [RedemptionObject], { description: 'Campaign redemptions, newest first.' })
  redemptions(
    @Parent() customer: CustomerObject,
    @Args() { limit }: CustomerRedemptionsArgs,
    @CurrentCaller() caller: Caller,
    @Loaders() loaders: RequestLoaders,
  ): Promise<RedemptionObject[]> {
    // One loader per limit: customers asked with different limits batch separately.
    return loaders
      .get(`campaigns.customerRedemptions.${limit}`, (ids: readonly string[]) =>
        this.service.recentByCustomers(caller.businessId, ids, limit),
      )
      .load(customer.id);
  }
}
