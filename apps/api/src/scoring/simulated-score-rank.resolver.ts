import { Inject } from '@nestjs/common';
import { Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ApiKeyScope } from '../auth/api-key-scope.js';
import { assertFieldScope } from '../auth/assert-field-scope.js';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { Loaders } from '../common/dataloader/loaders.decorator.js';
import type { RequestLoaders } from '../common/dataloader/request-loaders.js';
import { customerByIdLoader } from '../customers/customer-loaders.js';
import { CustomersService } from '../customers/customers.service.js';
import { CustomerObject } from '../customers/dto/customer.object.js';
import { SimulatedScoreRankObject } from './dto/scoring-simulation.object.js';

/** `SimulatedScoreRank.customer`: the 40 customers of a simulation's two tops in one read. */
@Resolver(() => SimulatedScoreRankObject)
export class SimulatedScoreRankResolver {
  constructor(@Inject(CustomersService) private readonly customers: CustomersService) {}

  @ResolveField(() => CustomerObject, {
    nullable: true,
    description: 'The customer (their name, for a person reading the top). Needs customers:read.',
  })
  customer(
    @Parent() rank: SimulatedScoreRankObject,
    @CurrentCaller() caller: Caller,
    @Loaders() loaders: RequestLoaders,
  ): Promise<CustomerObject | null> {
    assertFieldScope(caller, ApiKeyScope.CustomersRead);
    return customerByIdLoader(loaders, this.customers, caller.businessId).load(rank.customerId);
  }
}
