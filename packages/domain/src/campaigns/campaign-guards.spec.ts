import { DAY, NOW } from '../../test/fixtures.js';
import { expectInputError } from '../../test/expect-input-error.js';
import { InputProblemCode } from '../errors/guards.js';
import { Period } from '../growth/period.js';
import {
  AudienceKind,
  CampaignStatus,
  type CampaignRules,
  type CampaignUsage,
  type CustomerTierRef,
} from './campaign-rules.js';
import { checkRedemption } from './check-redemption.js';
import { remainingCapacity } from './remaining-capacity.js';
import { CampaignProblemCode, validateCampaign } from './validate-campaign.js';

const campaign: CampaignRules = {
  status: CampaignStatus.ACTIVE,
  startsAt: new Date(NOW.getTime() - DAY),
  endsAt: new Date(NOW.getTime() + DAY),
  audience: { kind: AudienceKind.ALL },
  caps: { total: 100, perCustomer: 2, perPeriod: { limit: 10, period: Period.WEEK } },
};
const usage: CampaignUsage = { total: 0, byCustomer: 0, inPeriod: 0 };
const friends: CustomerTierRef = { id: 'friends', rank: 2 };
const check = (change: {
  campaign?: Partial<CampaignRules>;
  usage?: Partial<CampaignUsage>;
  customerTier?: CustomerTierRef | null;
  now?: Date;
}) =>
  checkRedemption({
    campaign: { ...campaign, ...change.campaign },
    customerTier: change.customerTier === undefined ? friends : change.customerTier,
    usage: { ...usage, ...change.usage },
    now: change.now ?? NOW,
    timeZone: 'Europe/Paris',
  });

describe('campaigns reject unusable input (issue 9 counterexamples)', () => {
  it('checkRedemption refuses usage.total = NaN instead of allowing past caps.total = 0', () => {
    expectInputError(
      () => check({ campaign: { caps: { total: 0 } }, usage: { total: Number.NaN } }),
      'usage.total',
      InputProblemCode.NOT_A_COUNT,
    );
    expect(check({ campaign: { caps: { total: 0 } } })).toEqual({
      allowed: false,
      reason: 'CAP_REACHED_TOTAL',
    });
  });

  it.each([
    ['an Invalid Date now', { now: new Date(Number.NaN) }, 'now', InputProblemCode.INVALID_DATE],
    [
      'a negative customer count',
      { usage: { byCustomer: -1 } },
      'usage.byCustomer',
      InputProblemCode.NOT_A_COUNT,
    ],
    [
      'an infinite period count',
      { usage: { inPeriod: Infinity } },
      'usage.inPeriod',
      InputProblemCode.NOT_A_COUNT,
    ],
    [
      'a NaN total cap',
      { campaign: { caps: { total: Number.NaN } } },
      'campaign.caps.total',
      InputProblemCode.NOT_A_COUNT,
    ],
    [
      'a negative customer cap',
      { campaign: { caps: { perCustomer: -1 } } },
      'campaign.caps.perCustomer',
      InputProblemCode.NOT_A_COUNT,
    ],
    [
      'a NaN period cap',
      { campaign: { caps: { perPeriod: { limit: Number.NaN, period: Period.MONTH } } } },
      'campaign.caps.perPeriod.limit',
      InputProblemCode.NOT_A_COUNT,
    ],
    [
      'an unknown cap period',
      { campaign: { caps: { perPeriod: { limit: 3, period: 'YEAR' as Period } } } },
      'campaign.caps.perPeriod.period',
      InputProblemCode.UNKNOWN_VALUE,
    ],
    [
      'an Invalid Date start',
      { campaign: { startsAt: new Date('nope') } },
      'campaign.startsAt',
      InputProblemCode.INVALID_DATE,
    ],
    [
      'an Invalid Date end',
      { campaign: { endsAt: new Date(Number.NaN) } },
      'campaign.endsAt',
      InputProblemCode.INVALID_DATE,
    ],
    [
      'an unknown status',
      { campaign: { status: 'LIVE' as CampaignStatus } },
      'campaign.status',
      InputProblemCode.UNKNOWN_VALUE,
    ],
    [
      'an unknown audience',
      { campaign: { audience: { kind: 'VIP' } as unknown as CampaignRules['audience'] } },
      'campaign.audience.kind',
      InputProblemCode.UNKNOWN_VALUE,
    ],
    [
      'a NaN minimum rank',
      { campaign: { audience: { kind: AudienceKind.MIN_TIER_RANK as const, minTierRank: Number.NaN } } },
      'campaign.audience.minTierRank',
      InputProblemCode.NOT_FINITE,
    ],
    [
      'a repeated audience tier id',
      {
        campaign: {
          audience: { kind: AudienceKind.TIER_IDS as const, tierIds: ['friends', 'gold', 'friends'] },
        },
      },
      'campaign.audience.tierIds[2]',
      InputProblemCode.DUPLICATE_ID,
    ],
    [
      'a NaN tier rank',
      { customerTier: { id: 'friends', rank: Number.NaN } },
      'customerTier.rank',
      InputProblemCode.NOT_FINITE,
    ],
  ])('checkRedemption refuses %s', (_, change, path, code) => {
    expectInputError(() => check(change), path, code);
  });

  it('checkRedemption still answers for valid audiences', () => {
    expect(check({ campaign: { audience: { kind: AudienceKind.MIN_TIER_RANK, minTierRank: 3 } } })).toEqual({
      allowed: false,
      reason: 'NOT_ELIGIBLE_TIER',
    });
    expect(
      check({
        campaign: { audience: { kind: AudienceKind.TIER_IDS, tierIds: ['friends'] } },
        customerTier: null,
      }),
    ).toEqual({
      allowed: false,
      reason: 'NOT_ELIGIBLE_TIER',
    });
  });

  it('remainingCapacity refuses a negative count and an Invalid Date', () => {
    const input = { campaign, usage, now: NOW, timeZone: 'UTC' };
    expectInputError(
      () => remainingCapacity({ ...input, usage: { ...usage, total: -3 } }),
      'usage.total',
      InputProblemCode.NOT_A_COUNT,
    );
    expectInputError(
      () => remainingCapacity({ ...input, now: new Date(Number.NaN) }),
      'now',
      InputProblemCode.INVALID_DATE,
    );
    expect(remainingCapacity(input).effective).toBe(2);
  });

  it('validateCampaign reports a repeated audience tier id', () => {
    expect(
      validateCampaign({
        ...campaign,
        audience: { kind: AudienceKind.TIER_IDS, tierIds: ['friends', 'friends'] },
      }),
    ).toEqual([
      {
        path: 'audience.tierIds[1]',
        code: CampaignProblemCode.DUPLICATE_TIER_ID,
        message: 'Tier "friends" is already listed at audience.tierIds[0].',
      },
    ]);
  });
});
