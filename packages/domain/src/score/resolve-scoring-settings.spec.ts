import { InteractionType } from './interaction';
import { defaultScoringSettings, resolveScoringSettings, type ScoringSettings } from './scoring-settings';

describe('resolveScoringSettings', () => {
  it('is the defaults in the business time zone when nothing is stored', () => {
    expect(resolveScoringSettings(null, 'Europe/Paris')).toEqual({
      ...defaultScoringSettings,
      timeZone: 'Europe/Paris',
    });
  });

  it('overrides single weights and caps without dropping the other types', () => {
    const settings = resolveScoringSettings(
      {
        halfLifeDays: 30,
        weights: { [InteractionType.VISIT]: 3 } as never,
        weeklyCaps: { [InteractionType.VISIT]: null } as never,
      },
      'UTC',
    );
    expect(settings.halfLifeDays).toBe(30);
    expect(settings.weights[InteractionType.VISIT]).toBe(3);
    expect(settings.weights[InteractionType.REFERRAL]).toBe(
      defaultScoringSettings.weights[InteractionType.REFERRAL],
    );
    expect(settings.weeklyCaps[InteractionType.VISIT]).toBeNull();
    expect(settings.weeklyCaps[InteractionType.FEEDBACK]).toBe(
      defaultScoringSettings.weeklyCaps[InteractionType.FEEDBACK],
    );
  });

  it("ignores the first model's keys (daily caps, late-arrival window)", () => {
    const settings = resolveScoringSettings(
      { dailyCaps: { VISIT: 1 }, lateArrivalWindowDays: 3 } as unknown as Partial<ScoringSettings>,
      'UTC',
    );
    expect(settings).toEqual({ ...defaultScoringSettings, timeZone: 'UTC' });
  });

  it('always uses the business time zone, whatever the stored document says', () => {
    expect(resolveScoringSettings({ timeZone: 'Asia/Tokyo' }, 'UTC').timeZone).toBe('UTC');
  });
});
