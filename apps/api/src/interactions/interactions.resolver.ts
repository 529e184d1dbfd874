import { Inject } from '@nestjs/common';
import { Args, Mutation, Resolver } from '@nestjs/graphql';
import { ApiKeyScope } from '../auth/api-key-scope.js';
import { CurrentCaller, RequireScopes } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { InteractionInput } from './dto/interaction.input.js';
import { RecordInteractionsInput } from './dto/record-interactions.input.js';
import {
  RecordInteractionResultObject,
  RecordInteractionsResultObject,
} from './dto/record-interactions-result.object.js';
import { InteractionsService } from './interactions.service.js';
import { HeavyOperation } from '../common/fair-share/heavy-operation.interceptor.js';

@Resolver()
@RequireScopes(ApiKeyScope.InteractionsWrite)
export class InteractionsResolver {
  constructor(@Inject(InteractionsService) private readonly interactions: InteractionsService) {}

  @Mutation(() => RecordInteractionResultObject, {
    description: 'Records one interaction for the caller’s business; an invalid one is BAD_USER_INPUT.',
  })
  recordInteraction(
    @CurrentCaller() caller: Caller,
    @Args('input') input: InteractionInput,
  ): Promise<RecordInteractionResultObject> {
    return this.interactions.recordOne(caller, input);
  }

  @Mutation(() => RecordInteractionsResultObject, {
    description:
      'Records up to 1,000 interactions; invalid items are reported one by one, the rest accepted.',
  })
  @HeavyOperation()
  recordInteractions(
    @CurrentCaller() caller: Caller,
    @Args('input') input: RecordInteractionsInput,
  ): Promise<RecordInteractionsResultObject> {
    return this.interactions.recordMany(caller, input.interactions);
  }
}
