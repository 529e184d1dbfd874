import { cafeLadder } from '../../test/fixtures.js';
import { AudienceKind, CampaignStatus } from '../campaigns/campaign-rules.js';
import { defaultScoringSettings } from '../score/scoring-settings.js';
import { assertValidCampaign, assertValidLadder, assertValidScoringSettings } from './assert-valid.js';
import { DomainError, DomainErrorCode } from './domain-error.js';

describe('assert helpers', () => {
  it('pass silently on valid input', () => {
    expect(() => assertValidLadder(cafeLadder())).not.toThrow();
    expect(() => assertValidScoringSettings(defaultScoringSettings)).not.toThrow();
    expect(() =>
      assertValidCampaign({ status: CampaignStatus.DRAFT, audience: { kind: AudienceKind.ALL }, caps: {} }),
    ).not.toThrow();
  });

  it.each([
    [
      DomainErrorCode.INVALID_LADDER,
      () => assertValidLadder({ timeZone: 'UTC', tiers: [] }),
      'INVALID_LADDER: tiers: A ladder needs at least one tier.',
    ],
    [
      DomainErrorCode.INVALID_SCORING_SETTINGS,
      () => assertValidScoringSettings({ ...defaultScoringSettings, halfLifeDays: 0 }),
      'INVALID_SCORING_SETTINGS: halfLifeDays: halfLifeDays must be a number of days from 1 to 3650.',
    ],
    [
      DomainErrorCode.INVALID_CAMPAIGN,
      () =>
        assertValidCampaign({
          status: CampaignStatus.SCHEDULED,
          audience: { kind: AudienceKind.ALL },
          caps: {},
        }),
      'INVALID_CAMPAIGN: startsAt: A scheduled campaign needs a start date.',
    ],
  ])('throw a %s DomainError with the problems', (code, run, message) => {
    let thrown: unknown;
    try {
      run();
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(DomainError);
    expect(thrown).toMatchObject({ code, name: 'DomainError', message });
    expect((thrown as DomainError).problems).toHaveLength(1);
  });
});
