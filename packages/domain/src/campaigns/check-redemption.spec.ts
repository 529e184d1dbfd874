import { DAY, NOW } from '../../test/fixtures.js';
import { Period, periodKey } from '../growth/period.js';
import {
  AudienceKind,
  CampaignStatus,
  type CampaignRules,
  type CampaignUsage,
  type CustomerTierRef,
} from './campaign-rules.js';
import { RedemptionRefusal, checkRedemption } from './check-redemption.js';
import { remainingCapacity } from './remaining-capacity.js';

const zone = 'Europe/Paris';
const week = periodKey(NOW, Period.WEEK, zone);
const friends: CustomerTierRef = { id: 'friends', rank: 2 };
const base: CampaignRules = {
  status: CampaignStatus.ACTIVE,
  startsAt: new Date(NOW.getTime() - DAY),
  endsAt: new Date(NOW.getTime() + DAY),
  audience: { kind: AudienceKind.MIN_TIER_RANK, minTierRank: 2 },
  caps: { total: 100, perCustomer: 2, perPeriod: { limit: 10, period: Period.WEEK } },
};
const fresh: CampaignUsage = { total: 0, byCustomer: 0, inPeriod: 0, periodKey: week };

type Row = [
  string,
  Partial<CampaignRules>,
  CustomerTierRef | null,
  Partial<CampaignUsage>,
  RedemptionRefusal | null,
];
const rows: Row[] = [
  ['active, eligible, under every cap', {}, friends, {}, null],
  ['draft', { status: CampaignStatus.DRAFT }, friends, {}, RedemptionRefusal.NOT_ACTIVE],
  ['paused', { status: CampaignStatus.PAUSED }, friends, {}, RedemptionRefusal.NOT_ACTIVE],
  ['ended by status', { status: CampaignStatus.ENDED }, friends, {}, RedemptionRefusal.ENDED],
  [
    'scheduled, start in the future',
    { status: CampaignStatus.SCHEDULED, startsAt: new Date(NOW.getTime() + 1) },
    friends,
    {},
    RedemptionRefusal.NOT_STARTED,
  ],
  [
    'scheduled without a start date',
    { status: CampaignStatus.SCHEDULED, startsAt: null },
    friends,
    {},
    RedemptionRefusal.NOT_STARTED,
  ],
  ['scheduled, start passed (status flip pending)', { status: CampaignStatus.SCHEDULED }, friends, {}, null],
  [
    'active before its start date',
    { startsAt: new Date(NOW.getTime() + 1) },
    friends,
    {},
    RedemptionRefusal.NOT_STARTED,
  ],
  ['active at its end date', { endsAt: NOW }, friends, {}, RedemptionRefusal.ENDED],
  ['no window at all', { startsAt: undefined, endsAt: null }, friends, {}, null],
  ['rank below the minimum', {}, { id: 'regulars', rank: 1 }, {}, RedemptionRefusal.NOT_ELIGIBLE_TIER],
  ['no tier, rank audience', {}, null, {}, RedemptionRefusal.NOT_ELIGIBLE_TIER],
  ['tier in the set', { audience: { kind: AudienceKind.TIER_IDS, tierIds: ['friends'] } }, friends, {}, null],
  [
    'tier not in the set',
    { audience: { kind: AudienceKind.TIER_IDS, tierIds: ['inner-circle'] } },
    friends,
    {},
    RedemptionRefusal.NOT_ELIGIBLE_TIER,
  ],
  [
    'no tier, set audience',
    { audience: { kind: AudienceKind.TIER_IDS, tierIds: ['friends'] } },
    null,
    {},
    RedemptionRefusal.NOT_ELIGIBLE_TIER,
  ],
  ['no tier, everyone audience', { audience: { kind: AudienceKind.ALL } }, null, {}, null],
  ['total cap reached', {}, friends, { total: 100 }, RedemptionRefusal.CAP_REACHED_TOTAL],
  ['customer cap reached', {}, friends, { byCustomer: 2 }, RedemptionRefusal.CAP_REACHED_CUSTOMER],
  ['period cap reached', {}, friends, { inPeriod: 10 }, RedemptionRefusal.CAP_REACHED_PERIOD],
  ['period cap reached last week', {}, friends, { inPeriod: 10, periodKey: '2026-W47' }, null],
  [
    'period count without key is trusted',
    {},
    friends,
    { inPeriod: 10, periodKey: undefined },
    RedemptionRefusal.CAP_REACHED_PERIOD,
  ],
  ['no caps', { caps: {} }, friends, { total: 1e6, byCustomer: 1e6, inPeriod: 1e6 }, null],
];

describe('checkRedemption', () => {
  it.each(rows)('%s', (_, change, customerTier, usage, refusal) => {
    const result = checkRedemption({
      campaign: { ...base, ...change },
      customerTier,
      usage: { ...fresh, ...usage },
      now: NOW,
      timeZone: zone,
    });
    expect(result).toEqual(refusal === null ? { allowed: true } : { allowed: false, reason: refusal });
  });

  it('the table covers every refusal', () => {
    expect(new Set(rows.map((row) => row[4]).filter((r) => r !== null))).toEqual(
      new Set(Object.values(RedemptionRefusal)),
    );
  });
});

describe('remainingCapacity', () => {
  it('reports each cap and the tightest one', () => {
    expect(
      remainingCapacity({
        campaign: base,
        usage: { total: 95, byCustomer: 1, inPeriod: 3, periodKey: week },
        now: NOW,
        timeZone: zone,
      }),
    ).toEqual({
      total: 5,
      customer: 1,
      period: 7,
      effective: 1,
    });
  });

  it('is unlimited without caps and never negative', () => {
    expect(
      remainingCapacity({
        campaign: { ...base, caps: { total: null } },
        usage: fresh,
        now: NOW,
        timeZone: zone,
      }),
    ).toEqual({
      total: null,
      customer: null,
      period: null,
      effective: null,
    });
    expect(
      remainingCapacity({ campaign: base, usage: { ...fresh, total: 150 }, now: NOW, timeZone: zone })
        .effective,
    ).toBe(0);
  });
});
