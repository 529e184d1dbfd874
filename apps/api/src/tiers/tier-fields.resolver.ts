import { Inject } from '@nestjs/common';
import { Args, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ApiKeyScope } from '../auth/api-key-scope.js';
import { CurrentCaller } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { Loaders } from '../common/dataloader/loaders.decorator.js';
import type { RequestLoaders } from '../common/dataloader/request-loaders.js';
import { ConnectionArgs, type Connection } from '../common/pagination/connection.js';
import { clientError } from '../graphql/client-error.js';
import { TierObject } from './dto/tier.object.js';
import { WaitlistEntryConnection, type WaitlistEntryObject } from './dto/waitlist-entry.object.js';
import { TierFieldsService } from './tier-fields.service.js';

/** Per-tier fields needing other rows; batched per request, wherever a Tier appears. */
@Resolver(() => TierObject)
export class TierFieldsResolver {
  constructor(@Inject(TierFieldsService) private readonly fields: TierFieldsService) {}

  @ResolveField(() => Int, {
    nullable: true,
    description: 'Admissions counted in the current quota period; null when the tier has no quota.',
  })
  quotaUsedThisPeriod(
    @Parent() tier: TierObject,
    @CurrentCaller() caller: Caller,
    @Loaders() loaders: RequestLoaders,
  ): Promise<number | null> {
    return this.fields.quotaUsedThisPeriod(caller.businessId, tier, loaders);
  }

  @ResolveField(() => WaitlistEntryConnection, {
    description: 'Customers waiting for this tier, first in line first. Needs customers:read.',
  })
  waitlist(
    @Parent() tier: TierObject,
    @Args() args: ConnectionArgs,
    @CurrentCaller() caller: Caller,
    @Loaders() loaders: RequestLoaders,
  ): Promise<Connection<WaitlistEntryObject>> {
    // Guards do not run on field resolvers, so the scope of this customer data is checked here.
    if (!caller.scopes.has(ApiKeyScope.CustomersRead) && !caller.scopes.has(ApiKeyScope.Admin)) {
      throw clientError('FORBIDDEN', `This API key lacks the scope(s): ${ApiKeyScope.CustomersRead}`, {
        missingScopes: [ApiKeyScope.CustomersRead],
      });
    }
    return this.fields.waitlist(caller, tier.id, args.first, args.after, loaders);
  }
}
