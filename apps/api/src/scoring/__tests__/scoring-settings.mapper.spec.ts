import { InteractionType, SettingsProblemCode, validateScoringSettings } from '@inner-circle/domain';
import { defaultScoringSettings } from '@inner-circle/domain';
import { mergeOverrides, storedOverridesOf, toInputPath } from '../scoring-settings.mapper';
import { invalidScoringSettings, ScoringErrorCode, toScoringGraphQLError } from '../scoring.exception';

describe('scoring settings mapping', () => {
  it('keeps only the current model’s keys of a stored document', () => {
    expect(
      storedOverridesOf({
        halfLifeDays: 30,
        dailyCaps: { VISIT: 2 },
        timeZone: 'Europe/Paris',
        weights: { VISIT: 2, SOMETHING: 1 },
        weeklyCaps: {},
      }),
    ).toEqual({ halfLifeDays: 30, weights: { [InteractionType.VISIT]: 2 } });
    expect(storedOverridesOf(null)).toEqual({});
  });

  it('applies the input on top of the stored overrides; null removes a cap, not a weight', () => {
    const stored = { halfLifeDays: 30, weights: { [InteractionType.VISIT]: 2 } };
    expect(
      mergeOverrides(stored, {
        weights: { referral: 9, visit: null },
        weeklyCaps: { visit: null, purchase: 8 },
        weeklyReturnBonus: 1,
      }),
    ).toEqual({
      halfLifeDays: 30,
      weights: { [InteractionType.VISIT]: 2, [InteractionType.REFERRAL]: 9 },
      weeklyCaps: { [InteractionType.VISIT]: null, [InteractionType.PURCHASE]: 8 },
      weeklyReturnBonus: 1,
    });
    expect(mergeOverrides(stored, { resetToDefaults: true, exactWindowWeeks: 4 })).toEqual({
      exactWindowWeeks: 4,
    });
  });

  it('locates every domain problem in the input, with the GraphQL field of each type', () => {
    expect(toInputPath('weights.CAMPAIGN_REDEMPTION')).toBe('weights.campaignRedemption');
    expect(toInputPath('weeklyCaps.VISIT')).toBe('weeklyCaps.visit');
    expect(toInputPath('halfLifeDays')).toBe('halfLifeDays');
    const problems = validateScoringSettings({
      ...defaultScoringSettings,
      halfLifeDays: 0,
      weights: { ...defaultScoringSettings.weights, [InteractionType.FEEDBACK]: -1 },
    });
    const error = toScoringGraphQLError(invalidScoringSettings(problems));
    expect(error.extensions).toEqual({
      code: 'BAD_USER_INPUT',
      reason: ScoringErrorCode.InvalidSettings,
      fieldErrors: [
        {
          field: 'input.halfLifeDays',
          code: SettingsProblemCode.INVALID_HALF_LIFE,
          messages: [expect.any(String)],
        },
        {
          field: 'input.weights.feedback',
          code: SettingsProblemCode.INVALID_WEIGHT,
          messages: [expect.any(String)],
        },
      ],
    });
  });
});
