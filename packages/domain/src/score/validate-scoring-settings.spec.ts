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
        withChange({ weeklyCaps: { ...defaultScoringSettings.weeklyCaps, [InteractionType.VISIT]: null } }),
      ),
    ).toEqual([]);
  });

  it.each<[string, Partial<ScoringSettings>, string, SettingsProblemCode, string]>([
    [
      'zero half-life',
      { halfLifeDays: 0 },
      'halfLifeDays',
      SettingsProblemCode.INVALID_HALF_LIFE,
      'halfLifeDays must be a number of days from 1 to 3650.',
    ],
    [
      'NaN half-life',
      { halfLifeDays: NaN },
      'halfLifeDays',
      SettingsProblemCode.INVALID_HALF_LIFE,
      'halfLifeDays must be a number of days from 1 to 3650.',
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
      { weeklyCaps: { ...defaultScoringSettings.weeklyCaps, [InteractionType.REFERRAL]: -5 } },
      'weeklyCaps.REFERRAL',
      SettingsProblemCode.INVALID_WEEKLY_CAP,
      'The weekly cap of REFERRAL must be a number ≥ 0, or null for no cap.',
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
      'a half-life of ten thousand days',
      { halfLifeDays: 10_000 },
      'halfLifeDays',
      SettingsProblemCode.INVALID_HALF_LIFE,
      'halfLifeDays must be a number of days from 1 to 3650.',
    ],
    [
      'negative return bonus',
      { weeklyReturnBonus: -1 },
      'weeklyReturnBonus',
      SettingsProblemCode.INVALID_RETURN_BONUS,
      'weeklyReturnBonus must be a number ≥ 0.',
    ],
    [
      'fractional window',
      { exactWindowWeeks: 1.5 },
      'exactWindowWeeks',
      SettingsProblemCode.INVALID_EXACT_WINDOW,
      'exactWindowWeeks must be a whole number of weeks from 1 to 104.',
    ],
    [
      'empty window',
      { exactWindowWeeks: 0 },
      'exactWindowWeeks',
      SettingsProblemCode.INVALID_EXACT_WINDOW,
      'exactWindowWeeks must be a whole number of weeks from 1 to 104.',
    ],
  ])('reports %s', (_, change, path, code, message) => {
    expect(validateScoringSettings(withChange(change))).toEqual([{ path, code, message }]);
  });

  it('reports every problem at once, including missing maps', () => {
    const broken = {
      ...defaultScoringSettings,
      weights: undefined,
      weeklyCaps: undefined,
      halfLifeDays: -1,
    } as unknown as ScoringSettings;
    const problems = validateScoringSettings(broken);
    expect(problems).toHaveLength(1 + 5 + 5);
  });
});
