import { InteractionType } from './interaction.js';
import { defaultScoringSettings, type ScoringSettings } from './scoring-settings.js';
import { SettingsProblemCode, validateScoringSettings } from './validate-scoring-settings.js';

const withChange = (change: Partial<ScoringSettings>): ScoringSettings => ({
  ...defaultScoringSettings,
  ...change,
});

describe('validateScoringSettings', () => {
  it('accepts the defaults and null (uncapped) caps', () => {
    expect(validateScoringSettings(defaultScoringSettings)).toEqual([]);
    expect(
      validateScoringSettings(
        withChange({ dailyCaps: { ...defaultScoringSettings.dailyCaps, [InteractionType.VISIT]: null } }),
      ),
    ).toEqual([]);
  });

  it.each<[string, Partial<ScoringSettings>, string, SettingsProblemCode, string]>([
    [
      'zero half-life',
      { halfLifeDays: 0 },
      'halfLifeDays',
      SettingsProblemCode.INVALID_HALF_LIFE,
      'halfLifeDays must be a positive number of days.',
    ],
    [
      'NaN half-life',
      { halfLifeDays: NaN },
      'halfLifeDays',
      SettingsProblemCode.INVALID_HALF_LIFE,
      'halfLifeDays must be a positive number of days.',
    ],
    [
      'negative weight',
      { weights: { ...defaultScoringSettings.weights, [InteractionType.VISIT]: -1 } },
      'weights.VISIT',
      SettingsProblemCode.INVALID_WEIGHT,
      'The weight of VISIT must be a number ≥ 0.',
    ],
    [
      'negative cap',
      { dailyCaps: { ...defaultScoringSettings.dailyCaps, [InteractionType.REFERRAL]: -5 } },
      'dailyCaps.REFERRAL',
      SettingsProblemCode.INVALID_DAILY_CAP,
      'The daily cap of REFERRAL must be a number ≥ 0, or null for no cap.',
    ],
    [
      'zero purchase unit',
      { purchaseAmountUnit: 0 },
      'purchaseAmountUnit',
      SettingsProblemCode.INVALID_PURCHASE_UNIT,
      'purchaseAmountUnit must be a positive amount.',
    ],
    [
      'negative purchase unit',
      { purchaseAmountUnit: -1 },
      'purchaseAmountUnit',
      SettingsProblemCode.INVALID_PURCHASE_UNIT,
      'purchaseAmountUnit must be a positive amount.',
    ],
    [
      'negative comment bonus',
      { feedbackCommentBonus: -1 },
      'feedbackCommentBonus',
      SettingsProblemCode.INVALID_COMMENT_BONUS,
      'feedbackCommentBonus must be a number ≥ 0.',
    ],
    [
      'unknown zone',
      { timeZone: 'Nowhere/Town' },
      'timeZone',
      SettingsProblemCode.INVALID_TIME_ZONE,
      '"Nowhere/Town" is not an IANA time zone (e.g. "Europe/Paris").',
    ],
    [
      'fractional window',
      { lateArrivalWindowDays: 1.5 },
      'lateArrivalWindowDays',
      SettingsProblemCode.INVALID_LATE_ARRIVAL_WINDOW,
      'lateArrivalWindowDays must be a whole number of days ≥ 0.',
    ],
    [
      'negative window',
      { lateArrivalWindowDays: -1 },
      'lateArrivalWindowDays',
      SettingsProblemCode.INVALID_LATE_ARRIVAL_WINDOW,
      'lateArrivalWindowDays must be a whole number of days ≥ 0.',
    ],
  ])('reports %s', (_, change, path, code, message) => {
    expect(validateScoringSettings(withChange(change))).toEqual([{ path, code, message }]);
  });

  it('reports every problem at once, including missing maps', () => {
    const broken = {
      ...defaultScoringSettings,
      weights: undefined,
      dailyCaps: undefined,
      halfLifeDays: -1,
    } as unknown as ScoringSettings;
    const problems = validateScoringSettings(broken);
    expect(problems).toHaveLength(1 + 5 + 5);
  });
});
