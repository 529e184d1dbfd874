import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApiKeyScope } from '../auth/api-key-scope.js';
import { CurrentCaller, RequireScopes } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { ApiKeyManagementService } from './api-key-management.service.js';
import { ApiKeyIdArgs } from './dto/api-key-id.args.js';
import { ApiKeyObject } from './dto/api-key.object.js';
import { CreateApiKeyInput } from './dto/create-api-key.input.js';
import { CreatedApiKeyObject } from './dto/created-api-key.object.js';

@Resolver(() => ApiKeyObject)
@RequireScopes(ApiKeyScope.Admin)
export class ApiKeysResolver {
  constructor(@Inject(ApiKeyManagementService) private readonly management: ApiKeyManagementService) {}

  @Query(() => [ApiKeyObject], {
    description: 'The business’s API keys, revoked ones included, oldest first.',
  })
  apiKeys(@CurrentCaller() caller: Caller): Promise<ApiKeyObject[]> {
    return this.management.list(caller);
  }

  @Mutation(() => CreatedApiKeyObject, { description: 'Creates a key; its secret is returned only here.' })
  createApiKey(
    @CurrentCaller() caller: Caller,
    @Args('input') input: CreateApiKeyInput,
  ): Promise<CreatedApiKeyObject> {
    return this.management.create(caller, input);
  }

  @Mutation(() => ApiKeyObject, {
    description: 'Revokes a key (idempotent). Revoking the key making this call is allowed.',
  })
  revokeApiKey(@CurrentCaller() caller: Caller, @Args() { id }: ApiKeyIdArgs): Promise<ApiKeyObject> {
    return this.management.revoke(caller, id);
  }
}
