import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApiKeyScope } from '../auth/api-key-scope.js';
import {
  CurrentCaller,
  CurrentRequestCaller,
  RequestCaller,
  RequireScopes,
} from '../auth/auth.decorators.js';
import { type Caller, withTimeZone } from '../auth/caller.js';
import { CustomerTierLockStateObject } from './dto/customer-tier-lock-state.object.js';
import { LockCustomerTierInput, UnlockCustomerTierArgs } from './dto/lock-customer-tier.input.js';
import { SetTierLadderInput } from './dto/set-tier-ladder.input.js';
import { TierLadderSimulationObject } from './dto/tier-ladder-simulation.object.js';
import { TierLadderObject } from './dto/tier-ladder.object.js';
import { TierObject } from './dto/tier.object.js';
import { TierLocksService } from './tier-locks.service.js';
import { TiersService } from './tiers.service.js';
import { HeavyOperation } from '../common/fair-share/heavy-operation.interceptor.js';

@Resolver(() => TierLadderObject)
export class TiersResolver {
  constructor(
    @Inject(TiersService) private readonly ladders: TiersService,
    @Inject(TierLocksService) private readonly locks: TierLocksService,
  ) {}

  @Query(() => TierLadderObject, {
    description: 'The business’s tier ladder with its version and time zone.',
  })
  tierLadder(@CurrentCaller() caller: Caller): Promise<TierLadderObject> {
    return this.ladders.getLadder(caller.businessId);
  }

  @Query(() => [TierObject], { description: 'The active tiers, lowest rank first.' })
  tiers(@CurrentCaller() caller: Caller): Promise<TierObject[]> {
    return this.ladders.listLadder(caller.businessId);
  }

  @Query(() => TierLadderSimulationObject, {
    description:
      'Where customers would land under a proposed ladder (validated like setTierLadder). Changes nothing.',
  })
  @RequireScopes(ApiKeyScope.TiersWrite)
  @HeavyOperation()
  simulateTierLadder(
    @CurrentCaller() caller: Caller,
    @Args('input') input: SetTierLadderInput,
  ): Promise<TierLadderSimulationObject> {
    return this.ladders.simulateLadder(caller.businessId, input, caller.scoringSettings);
  }

  @Mutation(() => TierLadderObject, {
    description:
      'Replaces the ladder: tiers with an id are updated, new ones created, omitted ones archived. Every problem is reported at once. Bumps the ladder version; customers are re-placed by the worker.',
  })
  @RequireScopes(ApiKeyScope.TiersWrite)
  async setTierLadder(
    @CurrentRequestCaller() request: RequestCaller,
    @Args('input') input: SetTierLadderInput,
  ): Promise<TierLadderObject> {
    const ladder = await this.ladders.setLadder(request.caller, input);
    // Fields resolved after this one (scores, waitlisted customers) compute with the new zone.
    request.replace(withTimeZone(request.caller, ladder.timeZone));
    return ladder;
  }

  @Mutation(() => CustomerTierLockStateObject, {
    description: 'Pins a customer to a tier (even a full one) until `until` or indefinitely. Audited.',
  })
  @RequireScopes(ApiKeyScope.TiersWrite)
  lockCustomerTier(
    @CurrentCaller() caller: Caller,
    @Args('input') input: LockCustomerTierInput,
  ): Promise<CustomerTierLockStateObject> {
    return this.locks.lock(caller, input);
  }

  @Mutation(() => CustomerTierLockStateObject, {
    description:
      'Removes a lock; the customer keeps their tier until the worker next decides for them. Audited.',
  })
  @RequireScopes(ApiKeyScope.TiersWrite)
  unlockCustomerTier(
    @CurrentCaller() caller: Caller,
    @Args() args: UnlockCustomerTierArgs,
  ): Promise<CustomerTierLockStateObject> {
    return this.locks.unlock(caller, args);
  }
}
