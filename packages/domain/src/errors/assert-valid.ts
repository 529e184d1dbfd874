import { validateCampaign } from '../campaigns/validate-campaign.js';
import type { CampaignRules } from '../campaigns/campaign-rules.js';
import type { ScoringSettings } from '../score/scoring-settings.js';
import { validateScoringSettings } from '../score/validate-scoring-settings.js';
import type { TierLadder } from '../tiers/tier-ladder.js';
import { validateLadder } from '../tiers/validate-ladder.js';
import { DomainError, DomainErrorCode, type DomainProblem } from './domain-error.js';

function throwIfAny(code: DomainErrorCode, problems: DomainProblem[]): void {
  if (problems.length > 0) throw new DomainError(code, problems);
}

export function assertValidLadder(ladder: TierLadder): void {
  throwIfAny(DomainErrorCode.INVALID_LADDER, validateLadder(ladder));
}

export function assertValidScoringSettings(settings: ScoringSettings): void {
  throwIfAny(DomainErrorCode.INVALID_SCORING_SETTINGS, validateScoringSettings(settings));
}

export function assertValidCampaign(rules: CampaignRules, ladder?: TierLadder): void {
  throwIfAny(DomainErrorCode.INVALID_CAMPAIGN, validateCampaign(rules, ladder));
}
