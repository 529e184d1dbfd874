import { isDeepStrictEqual } from 'node:util';
import { Inject, Injectable } from '@nestjs/common';
import { ApiKeysService } from '../auth/api-keys.service.js';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import { resolveScoringSettings, type ScoringSettings, validateScoringSettings } from '@inner-circle/domain';
import {
  AuditRepository,
  BusinessRepository,
  type BusinessScoringSettings,
  TransactionRunner,
} from '@inner-circle/persistence';
import type { ScoringSettingsInput } from './dto/scoring-settings.input.js';
import type { ScoringSettingsObject } from './dto/scoring-settings.object.js';
import {
  mergeOverrides,
  type StoredScoringOverrides,
  storedOverridesOf,
  toScoringSettingsObject,
} from './scoring-settings.mapper.js';
import { invalidScoringSettings } from './scoring.exception.js';

export interface Actor {
  businessId: string;
  apiKeyId: string;
}

/** A validated proposal: what would be stored, and the settings it resolves to. */
export interface ScoringSettingsProposal {
  overrides: StoredScoringOverrides;
  settings: ScoringSettings;
}

@Injectable()
export class ScoringSettingsService {
  constructor(
    @Inject(BusinessRepository) private readonly businesses: BusinessRepository,
    @Inject(TransactionRunner) private readonly transactions: TransactionRunner,
    @Inject(AuditRepository) private readonly audit: AuditRepository,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(ApiKeysService) private readonly apiKeys: ApiKeysService,
  ) {}

  async getSettings(businessId: string): Promise<ScoringSettingsObject> {
    const stored = await this.requireStored(businessId);
    return toScoringSettingsObject(currentScoringSettings(stored), stored);
  }

  /** The stored settings and the proposal an input makes of them (validated; throws every problem). */
  async propose(
    businessId: string,
    input: ScoringSettingsInput,
  ): Promise<{ current: ScoringSettings; proposal: ScoringSettingsProposal }> {
    const stored = await this.requireStored(businessId);
    return { current: currentScoringSettings(stored), proposal: proposeScoringSettings(stored, input) };
  }

  /**
   * Stores the new overrides under the business row lock and, in the same transaction, raises
   * the scoring version and restarts the recompute cursor: the worker's sweep then rebuilds
   * every stored score from the interactions (batched, resumable, tier moves as usual). Audited.
   * A change that leaves the effective settings as they are writes nothing.
   */
  async setSettings(actor: Actor, input: ScoringSettingsInput): Promise<ScoringSettingsObject> {
    const now = this.clock.now();
    const saved = await this.transactions.run(async (transaction) => {
      const stored = await this.businesses.lockScoringSettings(transaction, actor.businessId);
      if (!stored) throw new Error(`business ${actor.businessId} of an authenticated key is missing`);
      const { overrides, settings } = proposeScoringSettings(stored, input);
      // Saving an unchanged form must not recompute every score of the business.
      if (isDeepStrictEqual(settings, currentScoringSettings(stored))) {
        return toScoringSettingsObject(settings, stored);
      }
      const version = await this.businesses.saveScoringSettings(
        transaction,
        actor.businessId,
        overrides as Record<string, unknown>,
      );
      await this.audit.record(transaction, {
        businessId: actor.businessId,
        actorKeyId: actor.apiKeyId,
        action: 'scoring_settings.set',
        targetType: 'business',
        targetId: actor.businessId,
        details: { version, resetToDefaults: input.resetToDefaults ?? false, overrides },
        at: now,
      });
      return toScoringSettingsObject(settings, {
        scoringVersion: version,
        scoresRecomputedVersion: stored.scoresRecomputedVersion,
      });
    });
    // The settings travel with the verified key: the next request reads them again.
    this.apiKeys.forgetBusiness(actor.businessId);
    return saved;
  }

  private async requireStored(businessId: string): Promise<BusinessScoringSettings> {
    const stored = await this.businesses.findScoringSettings(businessId);
    // The key row references the business with a cascading foreign key, so a valid key implies the row.
    if (!stored) throw new Error(`business ${businessId} of an authenticated key is missing`);
    return stored;
  }
}

/** The business's effective settings, resolved by the domain as the worker resolves them. */
export function currentScoringSettings(stored: BusinessScoringSettings): ScoringSettings {
  return resolveScoringSettings(
    storedOverridesOf(stored.scoringSettings) as Partial<ScoringSettings>,
    stored.timeZone,
  );
}

/**
 * The input on top of the stored overrides, resolved and validated by the domain: class-validator
 * caught shapes at the door, every rule problem is reported here at once with its input path.
 */
export function proposeScoringSettings(
  stored: BusinessScoringSettings,
  input: ScoringSettingsInput,
): ScoringSettingsProposal {
  const overrides = mergeOverrides(storedOverridesOf(stored.scoringSettings), input);
  const settings = resolveScoringSettings(overrides as Partial<ScoringSettings>, stored.timeZone);
  const problems = validateScoringSettings(settings);
  if (problems.length) throw invalidScoringSettings(problems);
  return { overrides, settings };
}
