import { Inject } from '@nestjs/common';
import { Resolver, Subscription } from '@nestjs/graphql';
import { ApiKeyScope } from '../auth/api-key-scope.js';
import { CurrentCaller, RequireScopes } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { TierChangeEventObject } from './dto/tier-change-event.object.js';
import { TierChangeFeedService } from './tier-change-feed.service.js';

@Resolver()
export class TierChangesResolver {
  constructor(@Inject(TierChangeFeedService) private readonly feed: TierChangeFeedService) {}

  @Subscription(() => TierChangeEventObject, {
    description: 'Tier changes of the caller’s business as they happen (graphql-ws).',
    resolve: (event: TierChangeEventObject) => event,
  })
  @RequireScopes(ApiKeyScope.CustomersRead)
  tierChanged(@CurrentCaller() caller: Caller): AsyncGenerator<TierChangeEventObject> {
    return this.feed.subscribe(caller.businessId);
  }
}
