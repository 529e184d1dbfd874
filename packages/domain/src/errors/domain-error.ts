import type { CampaignProblem } from '../campaigns/validate-campaign.js';
import type { SettingsProblem } from '../score/validate-scoring-settings.js';
import type { LadderProblem } from '../tiers/validate-ladder.js';

export enum DomainErrorCode {
  INVALID_LADDER = 'INVALID_LADDER',
  INVALID_SCORING_SETTINGS = 'INVALID_SCORING_SETTINGS',
  INVALID_CAMPAIGN = 'INVALID_CAMPAIGN',
}

export type DomainProblem = LadderProblem | SettingsProblem | CampaignProblem;

/**
 * Thrown only by the assert* helpers, for callers that want to stop at invalid input; the
 * validate* functions return the same problems without throwing. Map `code` to BAD_USER_INPUT.
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
