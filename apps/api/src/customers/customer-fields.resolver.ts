import { Inject } from '@nestjs/common';
import { Args, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { GraphQLNonNegativeFloat } from 'graphql-scalars';
import { callerOfContext, CurrentCaller, type GraphQLRequestContext } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { Loaders } from '../common/dataloader/loaders.decorator.js';
import { loadersOf, type RequestLoaders } from '../common/dataloader/request-loaders.js';
import { TierObject } from '../tiers/dto/tier.object.js';
import { CustomerFieldsService } from './customer-fields.service.js';
import { RecentInteractionsArgs, TierHistoryArgs } from './dto/customer-field.args.js';
import { CustomerInteractionObject } from './dto/customer-interaction.object.js';
import { CustomerTierLockObject } from './dto/customer-lock.object.js';
import { CustomerTierChangeObject } from './dto/customer-tier-change.object.js';
import { CustomerObject } from './dto/customer.object.js';
import { DowngradeWarningObject } from './dto/downgrade-warning.object.js';
import { ScoreBreakdownObject } from './dto/score-breakdown.object.js';

/** Derived fields of Customer, wherever a Customer is returned (batched per request). */
@Resolver(() => CustomerObject)
export class CustomerFieldsResolver {
  constructor(@Inject(CustomerFieldsService) private readonly fields: CustomerFieldsService) {}

  // score, tier and waitlistedFor take GraphQL's own arguments (no parameter decorators), so Nest
  // hands GraphQL the method as is: they run for every customer of a page (see callerOfContext).
  @ResolveField(() => GraphQLNonNegativeFloat, { description: 'Decayed to now.' })
  score(customer: CustomerObject, _args: unknown, context: GraphQLRequestContext): number {
    return this.fields.scoreOf(callerOfContext(context), customer);
  }

  @ResolveField(() => ScoreBreakdownObject)
  scoreBreakdown(
    @CurrentCaller() caller: Caller,
    @Parent() customer: CustomerObject,
    @Loaders() loaders: RequestLoaders,
  ): Promise<ScoreBreakdownObject> {
    return this.fields.scoreBreakdownOf(caller, customer, loaders);
  }

  @ResolveField(() => TierObject, { nullable: true })
  tier(
    customer: CustomerObject,
    _args: unknown,
    context: GraphQLRequestContext,
  ): TierObject | null | Promise<TierObject | null> {
    const { businessId } = callerOfContext(context);
    return this.fields.tierOf(businessId, customer.tierId, loadersOf(context.req));
  }

  @ResolveField(() => TierObject, {
    nullable: true,
    description: 'The full tier the customer is queued for.',
  })
  waitlistedFor(
    customer: CustomerObject,
    _args: unknown,
    context: GraphQLRequestContext,
  ): TierObject | null | Promise<TierObject | null> {
    const { businessId } = callerOfContext(context);
    return this.fields.tierOf(businessId, customer.waitlistedForTierId, loadersOf(context.req));
  }

  @ResolveField(() => DowngradeWarningObject, { nullable: true, description: 'Set while in grace.' })
  downgradeWarning(
    @CurrentCaller() caller: Caller,
    @Parent() customer: CustomerObject,
    @Loaders() loaders: RequestLoaders,
  ): Promise<DowngradeWarningObject | null> {
    return this.fields.downgradeWarningOf(caller, customer, loaders);
  }

  @ResolveField(() => CustomerTierLockObject, { nullable: true, description: 'A lock still in force.' })
  lock(
    @CurrentCaller() caller: Caller,
    @Parent() customer: CustomerObject,
    @Loaders() loaders: RequestLoaders,
  ): Promise<CustomerTierLockObject | null> {
    return this.fields.lockOf(caller.businessId, customer, loaders);
  }

  @ResolveField(() => [CustomerInteractionObject], { description: 'Newest first.' })
  recentInteractions(
    @CurrentCaller() caller: Caller,
    @Parent() customer: CustomerObject,
    @Args() args: RecentInteractionsArgs,
    @Loaders() loaders: RequestLoaders,
  ): Promise<CustomerInteractionObject[]> {
    return this.fields.recentInteractionsOf(caller.businessId, customer.id, args.limit, loaders);
  }

  @ResolveField(() => [CustomerTierChangeObject], { description: 'Newest first.' })
  tierHistory(
    @CurrentCaller() caller: Caller,
    @Parent() customer: CustomerObject,
    @Args() args: TierHistoryArgs,
    @Loaders() loaders: RequestLoaders,
  ): Promise<CustomerTierChangeObject[]> {
    return this.fields.tierHistoryOf(caller.businessId, customer.id, args.limit, loaders);
  }
}
