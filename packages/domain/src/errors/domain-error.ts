import type { CampaignProblem } from '../campaigns/validate-campaign.js';
import type { SettingsProblem } from '../score/validate-scoring-settings.js';
import type { LadderProblem } from '../tiers/validate-ladder.js';
import type { InputProblem } from './guards.js';

export enum DomainErrorCode {
  INVALID_LADDER = 'INVALID_LADDER',
  INVALID_SCORING_SETTINGS = 'INVALID_SCORING_SETTINGS',
  INVALID_CAMPAIGN = 'INVALID_CAMPAIGN',
  /** An argument of a rule is unusable (NaN, Infinity, Invalid Date, negative count, duplicate id). */
  INVALID_INPUT = 'INVALID_INPUT',
}

export type DomainProblem = LadderProblem | SettingsProblem | CampaignProblem | InputProblem;

/**
 * Thrown by the assert* helpers (INVALID_LADDER, INVALID_SCORING_SETTINGS, INVALID_CAMPAIGN), for
 * callers that want to stop at invalid input — the validate* functions return the same problems
 * without throwing — and by every rule given an unusable argument (INVALID_INPUT, see guards.ts).
 * Map `code` to BAD_USER_INPUT.
 */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    readonly problems: readonly DomainProblem[],
  ) {
    super(`${code}: ${problems.map((problem) => `${problem.path}: ${problem.message}`).join('; ')}`);
    this.name = 'DomainError';
  }
}
