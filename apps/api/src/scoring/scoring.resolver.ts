import { Inject } from '@nestjs/common';
import { Args, Mutation, Query, Resolver } from '@nestjs/graphql';
import { ApiKeyScope } from '../auth/api-key-scope.js';
import { CurrentCaller, RequireScopes } from '../auth/auth.decorators.js';
import type { Caller } from '../auth/caller.js';
import { HeavyOperation } from '../common/fair-share/heavy-operation.interceptor.js';
import { ScoringSettingsInput } from './dto/scoring-settings.input.js';
import { ScoringSettingsObject } from './dto/scoring-settings.object.js';
import { ScoringSimulationObject } from './dto/scoring-simulation.object.js';
import { ScoringSettingsService } from './scoring-settings.service.js';
import { ScoringSimulationService } from './scoring-simulation.service.js';

@Resolver(() => ScoringSettingsObject)
export class ScoringResolver {
  constructor(
    @Inject(ScoringSettingsService) private readonly settings: ScoringSettingsService,
    @Inject(ScoringSimulationService) private readonly simulations: ScoringSimulationService,
  ) {}

  // Reading is a read scope, like every other read that shows scores (customers, waitlists);
  // tiers:write keys get the settings back from setScoringSettings.
  @Query(() => ScoringSettingsObject, {
    description: 'The business’s effective scoring settings: its overrides on top of the defaults.',
  })
  @RequireScopes(ApiKeyScope.CustomersRead)
  scoringSettings(@CurrentCaller() caller: Caller): Promise<ScoringSettingsObject> {
    return this.settings.getSettings(caller.businessId);
  }

  @Query(() => ScoringSimulationObject, {
    description:
      'Every customer’s score as of now under the current and the proposed settings (validated like setScoringSettings), how many the current ladder would place differently, the top 20 of each and the rank correlation. Changes nothing.',
  })
  @RequireScopes(ApiKeyScope.TiersWrite)
  // Reads every customer and interaction of the business: rate and concurrency limited per key.
  @HeavyOperation()
  simulateScoringSettings(
    @CurrentCaller() caller: Caller,
    @Args('input') input: ScoringSettingsInput,
  ): Promise<ScoringSimulationObject> {
    return this.simulations.simulate(caller.businessId, input);
  }

  @Mutation(() => ScoringSettingsObject, {
    description:
      'Changes the scoring settings (omitted fields keep their value). Every problem is reported at once. Raises the scoring version; the worker then recomputes every score from stored interactions, moving tiers as usual. Audited.',
  })
  @RequireScopes(ApiKeyScope.TiersWrite)
  setScoringSettings(
    @CurrentCaller() caller: Caller,
    @Args('input') input: ScoringSettingsInput,
  ): Promise<ScoringSettingsObject> {
    return this.settings.setSettings(caller, input);
  }
}
