import { isValidTimeZone } from '../time/time-zone.js';
import { INTERACTION_TYPES } from './interaction.js';
import type { ScoringSettings } from './scoring-settings.js';

export enum SettingsProblemCode {
  INVALID_HALF_LIFE = 'INVALID_HALF_LIFE',
  INVALID_WEIGHT = 'INVALID_WEIGHT',
  INVALID_WEEKLY_CAP = 'INVALID_WEEKLY_CAP',
  INVALID_PURCHASE_UNIT = 'INVALID_PURCHASE_UNIT',
  INVALID_COMMENT_BONUS = 'INVALID_COMMENT_BONUS',
  INVALID_TIME_ZONE = 'INVALID_TIME_ZONE',
  INVALID_RETURN_BONUS = 'INVALID_RETURN_BONUS',
  INVALID_EXACT_WINDOW = 'INVALID_EXACT_WINDOW',
}

export interface SettingsProblem {
  path: string;
  code: SettingsProblemCode;
  message: string;
}

function isNonNegativeNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

/** Every problem in the settings (empty when valid), so a form can show them all at once. */
export function validateScoringSettings(settings: ScoringSettings): SettingsProblem[] {
  const problems: SettingsProblem[] = [];
  if (
    !isNonNegativeNumber(settings.halfLifeDays) ||
    settings.halfLifeDays < 1 ||
    settings.halfLifeDays > 3650
  ) {
    problems.push({
      path: 'halfLifeDays',
      code: SettingsProblemCode.INVALID_HALF_LIFE,
      message: 'halfLifeDays must be a number of days from 1 to 3650.',
    });
  }
  for (const type of INTERACTION_TYPES) {
    if (!isNonNegativeNumber(settings.weights?.[type])) {
      problems.push({
        path: `weights.${type}`,
        code: SettingsProblemCode.INVALID_WEIGHT,
        message: `The weight of ${type} must be a number ≥ 0.`,
      });
    }
    const cap = settings.weeklyCaps?.[type];
    if (cap !== null && !isNonNegativeNumber(cap)) {
      problems.push({
        path: `weeklyCaps.${type}`,
        code: SettingsProblemCode.INVALID_WEEKLY_CAP,
        message: `The weekly cap of ${type} must be a number ≥ 0, or null for no cap.`,
      });
    }
  }
  if (!isNonNegativeNumber(settings.purchaseAmountUnit) || settings.purchaseAmountUnit === 0) {
    problems.push({
      path: 'purchaseAmountUnit',
      code: SettingsProblemCode.INVALID_PURCHASE_UNIT,
      message: 'purchaseAmountUnit must be a positive amount.',
    });
  }
  if (!isNonNegativeNumber(settings.feedbackCommentBonus)) {
    problems.push({
      path: 'feedbackCommentBonus',
      code: SettingsProblemCode.INVALID_COMMENT_BONUS,
      message: 'feedbackCommentBonus must be a number ≥ 0.',
    });
  }
  if (!isValidTimeZone(settings.timeZone)) {
    problems.push({
      path: 'timeZone',
      code: SettingsProblemCode.INVALID_TIME_ZONE,
      message: `"${String(settings.timeZone)}" is not an IANA time zone (e.g. "Europe/Paris").`,
    });
  }
  if (!isNonNegativeNumber(settings.weeklyReturnBonus)) {
    problems.push({
      path: 'weeklyReturnBonus',
      code: SettingsProblemCode.INVALID_RETURN_BONUS,
      message: 'weeklyReturnBonus must be a number ≥ 0.',
    });
  }
  if (
    !Number.isInteger(settings.exactWindowWeeks) ||
    settings.exactWindowWeeks < 1 ||
    settings.exactWindowWeeks > 104
  ) {
    problems.push({
      path: 'exactWindowWeeks',
      code: SettingsProblemCode.INVALID_EXACT_WINDOW,
      message: 'exactWindowWeeks must be a whole number of weeks from 1 to 104.',
    });
  }
  return problems;
}
