import { Inject } from '@nestjs/common';
import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ApiKeyScope } from '../auth/api-key-scope.js';
import { assertFieldScope } from '../auth/assert-field-scope.js';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { Loaders } from '../common/dataloader/loaders.decorator.js';
import type { RequestLoaders } from '../common/dataloader/request-loaders.js';
import { type Connection, ConnectionArgs, ConnectionType } from '../common/pagination/connection.js';
import { customerByIdLoader } from '../customers/customer-loaders.js';
import { CustomersService } from '../customers/customers.service.js';
import { CustomerObject } from '../customers/dto/customer.object.js';
import { CampaignObject } from './dto/campaign.object.js';
import { RedemptionObject } from './dto/redemption.object.js';
import { RedemptionsService } from './redemptions.service.js';

const RedemptionConnection = ConnectionType(RedemptionObject, 'Redemption');

/** `Campaign.redemptions`: who redeemed, one statement for every campaign of the request. */
@Resolver(() => CampaignObject)
export class CampaignRedeemersResolver {
  constructor(@Inject(RedemptionsService) private readonly service: RedemptionsService) {}

  @ResolveField(() => RedemptionConnection, {
    description: 'Who redeemed, newest first (totalCount = redeemedCount). Needs customers:read.',
  })
  redemptions(
    @Parent() campaign: CampaignObject,
    @Args() { first, after }: ConnectionArgs,
    @CurrentCaller() caller: Caller,
    @Loaders() loaders: RequestLoaders,
  ): Promise<Connection<RedemptionObject>> {
    assertFieldScope(caller, ApiKeyScope.CustomersRead);
    // Campaigns asked with the same page arguments (a page of campaigns) share one batch.
    return loaders
      .get<CampaignObject, Connection<RedemptionObject>>(
        `campaigns.redemptions:${first}:${after ?? ''}`,
        (campaigns) => this.service.pageByCampaigns(caller.businessId, campaigns, first, after),
      )
      .load(campaign);
  }
}

/** `Redemption.customer`: read with the page when listed by campaign, else batched by id. */
@Resolver(() => RedemptionObject)
export class RedemptionCustomerResolver {
  constructor(@Inject(CustomersService) private readonly customers: CustomersService) {}

  @ResolveField(() => CustomerObject, {
    nullable: true,
    description: 'The redeeming customer (an erased one keeps no personal data). Needs customers:read.',
  })
  customer(
    @Parent() redemption: RedemptionObject,
    @CurrentCaller() caller: Caller,
    @Loaders() loaders: RequestLoaders,
  ): Promise<CustomerObject | null> {
    assertFieldScope(caller, ApiKeyScope.CustomersRead);
    if (redemption.preloadedCustomer) return Promise.resolve(redemption.preloadedCustomer);
    return customerByIdLoader(loaders, this.customers, caller.businessId).load(redemption.customerId);
  }
}
