import { cafeLadder } from '../../test/fixtures.js';
import { Period } from '../growth/period.js';
import { AudienceKind, CampaignStatus, type CampaignRules } from './campaign-rules.js';
import { CampaignProblemCode, validateCampaign } from './validate-campaign.js';

const valid: CampaignRules = {
  status: CampaignStatus.SCHEDULED,
  startsAt: new Date('2026-12-01T00:00:00Z'),
  endsAt: new Date('2026-12-24T00:00:00Z'),
  audience: { kind: AudienceKind.TIER_IDS, tierIds: ['friends', 'inner-circle'] },
  caps: { total: 50, perCustomer: 1, perPeriod: { limit: 10, period: Period.WEEK } },
};

describe('validateCampaign', () => {
  it('accepts valid rules', () => {
    expect(validateCampaign(valid, cafeLadder())).toEqual([]);
    expect(
      validateCampaign({ status: CampaignStatus.DRAFT, audience: { kind: AudienceKind.ALL }, caps: {} }),
    ).toEqual([]);
    expect(
      validateCampaign({ ...valid, audience: { kind: AudienceKind.MIN_TIER_RANK, minTierRank: 2 } }),
    ).toEqual([]);
  });

  it.each<[string, Partial<CampaignRules>, string, CampaignProblemCode, string]>([
    [
      'an unknown status',
      { status: 'LIVE' as CampaignStatus },
      'status',
      CampaignProblemCode.INVALID_STATUS,
      'Status must be one of DRAFT, SCHEDULED, ACTIVE, PAUSED, ENDED.',
    ],
    [
      'scheduled without start',
      { startsAt: null },
      'startsAt',
      CampaignProblemCode.SCHEDULED_WITHOUT_START,
      'A scheduled campaign needs a start date.',
    ],
    [
      'an invalid start',
      { status: CampaignStatus.ACTIVE, startsAt: new Date('nope') },
      'startsAt',
      CampaignProblemCode.INVALID_DATE,
      'startsAt is not a valid date.',
    ],
    [
      'an invalid end',
      { endsAt: new Date(NaN) },
      'endsAt',
      CampaignProblemCode.INVALID_DATE,
      'endsAt is not a valid date.',
    ],
    [
      'an end before the start',
      { endsAt: new Date('2026-11-30T00:00:00Z') },
      'endsAt',
      CampaignProblemCode.ENDS_BEFORE_START,
      'endsAt must be after startsAt.',
    ],
    [
      'an unknown audience',
      { audience: { kind: 'VIP' } as unknown as CampaignRules['audience'] },
      'audience',
      CampaignProblemCode.INVALID_AUDIENCE,
      'Audience must be ALL, MIN_TIER_RANK or TIER_IDS.',
    ],
    [
      'a zero minimum rank',
      { audience: { kind: AudienceKind.MIN_TIER_RANK, minTierRank: 0 } },
      'audience.minTierRank',
      CampaignProblemCode.INVALID_MIN_TIER_RANK,
      'minTierRank must be a whole number ≥ 1.',
    ],
    [
      'an empty tier set',
      { audience: { kind: AudienceKind.TIER_IDS, tierIds: [] } },
      'audience.tierIds',
      CampaignProblemCode.EMPTY_TIER_IDS,
      'Choose at least one tier.',
    ],
    [
      'an unknown tier',
      { audience: { kind: AudienceKind.TIER_IDS, tierIds: ['friends', 'gold'] } },
      'audience.tierIds[1]',
      CampaignProblemCode.UNKNOWN_TIER_ID,
      'Tier "gold" is not in the ladder.',
    ],
    [
      'a negative total cap',
      { caps: { total: -1 } },
      'caps.total',
      CampaignProblemCode.INVALID_CAP,
      'caps.total must be a whole number ≥ 0, or empty for no cap.',
    ],
    [
      'a fractional customer cap',
      { caps: { perCustomer: 1.5 } },
      'caps.perCustomer',
      CampaignProblemCode.INVALID_CAP,
      'caps.perCustomer must be a whole number ≥ 0, or empty for no cap.',
    ],
    [
      'a negative period cap',
      { caps: { perPeriod: { limit: -3, period: Period.MONTH } } },
      'caps.perPeriod.limit',
      CampaignProblemCode.INVALID_CAP,
      'caps.perPeriod.limit must be a whole number ≥ 0.',
    ],
    [
      'an unknown cap period',
      { caps: { perPeriod: { limit: 3, period: 'YEAR' as Period } } },
      'caps.perPeriod.period',
      CampaignProblemCode.INVALID_CAP_PERIOD,
      'The cap period must be WEEK or MONTH.',
    ],
  ])('reports %s', (_, change, path, code, message) => {
    expect(validateCampaign({ ...valid, ...change }, cafeLadder())).toEqual([{ path, code, message }]);
  });

  it('tolerates missing caps and a missing audience, reporting the audience', () => {
    const partial = { status: CampaignStatus.ACTIVE } as CampaignRules;
    expect(validateCampaign(partial).map((p) => p.code)).toEqual([CampaignProblemCode.INVALID_AUDIENCE]);
  });
});
