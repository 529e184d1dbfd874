import { DAY, NOW, cafeLadder, customer, tier } from '../../test/fixtures.js';
import { periodKey, Period } from '../growth/period.js';
import { applyDecision } from './apply-decision.js';
import { decideTier } from './decide-tier.js';
import {
  TierDecisionKind as Kind,
  TierDecisionReason as Reason,
  type TierDecision,
} from './tier-decision.js';
import {
  AdmissionMode,
  type CustomerTierState,
  type OccupancyByTier,
  type TierLadder,
} from './tier-ladder.js';

const ladder = cafeLadder();
const week = periodKey(NOW, Period.WEEK, ladder.timeZone);
const icFull: OccupancyByTier = { 'inner-circle': { members: 20, admissionsInPeriod: 1, periodKey: week } };
const icQuotaSpent: OccupancyByTier = {
  'inner-circle': { members: 12, admissionsInPeriod: 5, periodKey: week },
};
const icQuotaSpentLastWeek: OccupancyByTier = {
  'inner-circle': { members: 12, admissionsInPeriod: 5, periodKey: '2026-W47' },
};
const icQuotaSpentNoKey: OccupancyByTier = { 'inner-circle': { members: 12, admissionsInPeriod: 5 } };
const past = new Date(NOW.getTime() - DAY);
const future = new Date(NOW.getTime() + DAY);
const lock = { tierId: 'friends', until: null, reason: 'Owner’s family' };

type Row = [string, Partial<CustomerTierState>, OccupancyByTier, Partial<TierDecision>];

const rows: Row[] = [
  [
    'an indefinite lock holds',
    { tierId: 'regulars', score: 99, lock },
    {},
    { kind: Kind.LOCKED, reason: Reason.LOCK_IN_FORCE, tierId: 'friends' },
  ],
  [
    'a lock until tomorrow holds',
    { tierId: 'friends', score: 0, lock: { ...lock, until: future } },
    {},
    { kind: Kind.LOCKED, reason: Reason.LOCK_IN_FORCE },
  ],
  [
    'a lock on a tier that left the ladder no longer holds',
    { tierId: 'friends', score: 25, lock: { ...lock, tierId: 'gold' } },
    {},
    { kind: Kind.STAY, reason: Reason.RETAINED_ABOVE_ENTRY, tierId: 'friends' },
  ],
  [
    'an expired lock is ignored',
    { tierId: 'friends', score: 25, lock: { ...lock, until: NOW } },
    {},
    { kind: Kind.STAY, reason: Reason.RETAINED_ABOVE_ENTRY },
  ],
  [
    'no tier, low score',
    { score: 2 },
    {},
    { kind: Kind.STAY, reason: Reason.NO_QUALIFYING_TIER, tierId: null },
  ],
  [
    'no tier, enough for Friends: straight there',
    { score: 25 },
    {},
    { kind: Kind.UPGRADE, reason: Reason.QUALIFIED, fromTierId: null, toTierId: 'friends' },
  ],
  [
    'no tier, enough for Inner Circle with a seat',
    { score: 60 },
    {},
    { kind: Kind.UPGRADE, reason: Reason.QUALIFIED, toTierId: 'inner-circle' },
  ],
  [
    'Inner Circle full: admitted to Friends, waits',
    { score: 60 },
    icFull,
    {
      kind: Kind.ADMITTED_WAITLISTED,
      reason: Reason.TIER_FULL,
      toTierId: 'friends',
      waitlistedForTierId: 'inner-circle',
    },
  ],
  [
    'weekly quota spent: admitted to Friends, waits',
    { tierId: 'regulars', score: 60 },
    icQuotaSpent,
    {
      kind: Kind.ADMITTED_WAITLISTED,
      reason: Reason.QUOTA_SPENT,
      fromTierId: 'regulars',
      toTierId: 'friends',
    },
  ],
  [
    'last week’s quota count is stale',
    { tierId: 'friends', score: 60 },
    icQuotaSpentLastWeek,
    {
      kind: Kind.UPGRADE,
      reason: Reason.QUALIFIED,
      toTierId: 'inner-circle',
      facts: expect.objectContaining({
        occupancy: expect.objectContaining({ admissionsInPeriod: 0, periodKey: '2026-W48' }),
      }),
    },
  ],
  [
    'a count without period key is trusted',
    { tierId: 'friends', score: 60 },
    icQuotaSpentNoKey,
    { kind: Kind.WAITLISTED, reason: Reason.QUOTA_SPENT },
  ],
  [
    'Friend, Inner Circle full: waits',
    { tierId: 'friends', score: 60 },
    icFull,
    {
      kind: Kind.WAITLISTED,
      reason: Reason.TIER_FULL,
      tierId: 'friends',
      waitlistedForTierId: 'inner-circle',
    },
  ],
  [
    'Friend, quota spent: waits',
    { tierId: 'friends', score: 60 },
    icQuotaSpent,
    { kind: Kind.WAITLISTED, reason: Reason.QUOTA_SPENT },
  ],
  [
    'Friend above entry',
    { tierId: 'friends', score: 25 },
    {},
    { kind: Kind.STAY, reason: Reason.RETAINED_ABOVE_ENTRY, tierId: 'friends' },
  ],
  [
    'Friend between retain and entry',
    { tierId: 'friends', score: 17 },
    {},
    { kind: Kind.STAY, reason: Reason.RETAINED_WITHIN_HYSTERESIS },
  ],
  [
    'Inner Circle member at the top',
    { tierId: 'inner-circle', score: 500 },
    icFull,
    { kind: Kind.STAY, reason: Reason.RETAINED_ABOVE_ENTRY },
  ],
  [
    'Friend drops below retain',
    { tierId: 'friends', score: 10 },
    {},
    {
      kind: Kind.GRACE_STARTED,
      reason: Reason.SCORE_BELOW_RETAIN,
      graceUntil: new Date(NOW.getTime() + 14 * DAY),
      downgradeWarning: { on: new Date(NOW.getTime() + 14 * DAY), toTierId: 'regulars' },
    },
  ],
  [
    'Friend in grace',
    { tierId: 'friends', score: 10, graceUntil: future },
    {},
    { kind: Kind.STAY, reason: Reason.IN_GRACE, downgradeWarning: { on: future, toTierId: 'regulars' } },
  ],
  [
    'Friend recovers to entry in grace: grace cancelled',
    { tierId: 'friends', score: 20, graceUntil: future },
    {},
    { kind: Kind.GRACE_CANCELLED, reason: Reason.SCORE_RECOVERED, tierId: 'friends' },
  ],
  [
    'Friend bounces just above retain in grace: grace goes on, no refund',
    { tierId: 'friends', score: 16, graceUntil: future },
    {},
    { kind: Kind.STAY, reason: Reason.IN_GRACE, tierId: 'friends' },
  ],
  [
    'grace over, score back above retain: kept for now, grace still spent',
    { tierId: 'friends', score: 16, graceUntil: past },
    {},
    { kind: Kind.STAY, reason: Reason.IN_GRACE, tierId: 'friends' },
  ],
  [
    'grace over: down to the highest tier still retained',
    { tierId: 'friends', score: 4, graceUntil: past },
    {},
    { kind: Kind.DOWNGRADE, reason: Reason.GRACE_EXPIRED, fromTierId: 'friends', toTierId: 'regulars' },
  ],
  [
    'grace over, nothing retained: no tier',
    { tierId: 'friends', score: 1, graceUntil: NOW },
    {},
    { kind: Kind.DOWNGRADE, reason: Reason.GRACE_EXPIRED, toTierId: null },
  ],
  [
    'Inner Circle, grace over: skips to Friends',
    { tierId: 'inner-circle', score: 16, graceUntil: past },
    {},
    { kind: Kind.DOWNGRADE, reason: Reason.GRACE_EXPIRED, toTierId: 'friends' },
  ],
  [
    'Regular below retain, no grace: out at once',
    { tierId: 'regulars', score: 2 },
    {},
    { kind: Kind.DOWNGRADE, reason: Reason.NO_GRACE_PERIOD, fromTierId: 'regulars', toTierId: null },
  ],
  [
    'tier removed, still qualifies',
    { tierId: 'gold', score: 25 },
    {},
    { kind: Kind.UPGRADE, reason: Reason.TIER_NOT_IN_LADDER, fromTierId: 'gold', toTierId: 'friends' },
  ],
  [
    'tier removed, qualifies for a full tier',
    { tierId: 'gold', score: 60 },
    icFull,
    { kind: Kind.ADMITTED_WAITLISTED, reason: Reason.TIER_FULL, toTierId: 'friends' },
  ],
  [
    'tier removed, qualifies for nothing',
    { tierId: 'gold', score: 1 },
    {},
    { kind: Kind.DOWNGRADE, reason: Reason.TIER_NOT_IN_LADDER, fromTierId: 'gold', toTierId: null },
  ],
];

describe('decideTier (café ladder)', () => {
  it.each<Row>(rows)('%s', (_, state, occupancy, expected) => {
    expect(decideTier(customer(state), ladder, occupancy, NOW)).toMatchObject(expected);
  });

  it('states the facts it used', () => {
    expect(decideTier(customer({ tierId: 'friends', score: 60 }), ladder, icFull, NOW)).toEqual({
      kind: Kind.WAITLISTED,
      tierId: 'friends',
      waitlistedForTierId: 'inner-circle',
      reason: Reason.TIER_FULL,
      facts: {
        score: 60,
        currentTierId: 'friends',
        consideredTierId: 'inner-circle',
        entryScore: 50,
        retainScore: 40,
        occupancy: {
          tierId: 'inner-circle',
          members: 20,
          capacity: 20,
          admissionsInPeriod: 1,
          waitlisted: 0,
          quotaLimit: 5,
          periodKey: '2026-W48',
        },
      },
    });
    expect(decideTier(customer({ score: 25 }), ladder, {}, NOW).facts.occupancy).toEqual({
      tierId: 'friends',
      members: 0,
      capacity: null,
      admissionsInPeriod: 0,
      waitlisted: 0,
      quotaLimit: null,
      periodKey: null,
    });
    // A lock on a tier no longer in the ladder does not hold: the customer is decided as usual.
    expect(decideTier(customer({ lock: { ...lock, tierId: 'gone' } }), ladder, {}, NOW).kind).not.toBe(
      Kind.LOCKED,
    );
  });

  it('downgrades past a full lower tier, and waits with nowhere to go when every seat above is taken', () => {
    const capped: TierLadder = {
      timeZone: 'UTC',
      tiers: [
        tier({ id: 'one', rank: 1, entryScore: 10, retainScore: 5 }),
        tier({ id: 'two', rank: 2, entryScore: 20, retainScore: 15, capacity: 1 }),
        tier({ id: 'three', rank: 3, entryScore: 30, retainScore: 25, capacity: 1, graceDays: 0 }),
      ],
    };
    const full: OccupancyByTier = {
      two: { members: 1, admissionsInPeriod: 0 },
      three: { members: 1, admissionsInPeriod: 0 },
    };
    expect(decideTier(customer({ tierId: 'three', score: 16 }), capped, full, NOW)).toMatchObject({
      kind: Kind.DOWNGRADE,
      toTierId: 'one',
    });
    expect(decideTier(customer({ tierId: 'one', score: 40 }), capped, full, NOW)).toMatchObject({
      kind: Kind.WAITLISTED,
      waitlistedForTierId: 'three',
    });
    expect(
      decideTier(
        customer({ tierId: 'gold', score: 40 }),
        { ...capped, tiers: capped.tiers.slice(1) },
        full,
        NOW,
      ),
    ).toMatchObject({
      kind: Kind.DOWNGRADE,
      reason: Reason.TIER_NOT_IN_LADDER,
    });
  });

  it.each<[string, OccupancyByTier, Partial<TierDecision>]>([
    [
      'two seats, two waiting: a newcomer joins the queue',
      { 'inner-circle': { members: 18, admissionsInPeriod: 0, periodKey: week, waitlisted: 2 } },
      { kind: Kind.WAITLISTED, reason: Reason.TIER_FULL },
    ],
    [
      'two seats, one waiting: a seat is really free',
      { 'inner-circle': { members: 18, admissionsInPeriod: 0, periodKey: week, waitlisted: 1 } },
      { kind: Kind.UPGRADE, reason: Reason.QUALIFIED },
    ],
    [
      'one admission left, one waiting: it is theirs',
      { 'inner-circle': { members: 0, admissionsInPeriod: 4, periodKey: week, waitlisted: 1 } },
      { kind: Kind.WAITLISTED, reason: Reason.QUOTA_SPENT },
    ],
  ])('keeps seats for the waitlist: %s', (_, occupancy, expected) => {
    expect(decideTier(customer({ tierId: 'friends', score: 60 }), ladder, occupancy, NOW)).toMatchObject(
      expected,
    );
  });

  it('reads a re-sorted copy of a mutated ladder', () => {
    const mutable = cafeLadder();
    expect(decideTier(customer({ score: 25 }), mutable, {}, NOW)).toMatchObject({ toTierId: 'friends' });
    mutable.tiers = mutable.tiers.map((t) => (t.id === 'friends' ? { ...t, entryScore: 30 } : t));
    expect(decideTier(customer({ score: 25 }), mutable, {}, NOW)).toMatchObject({ toTierId: 'regulars' });
  });

  it('the table above covers every kind and every reason', () => {
    expect(new Set(rows.map((row) => row[3].kind))).toEqual(new Set(Object.values(Kind)));
    // Rounds need their own ladder (below); admissions from a waitlist are planTierMoves' own.
    const elsewhere = new Set<Reason>([Reason.AWAITING_ROUND, Reason.ADMITTED_FROM_WAITLIST, Reason.ERASED]);
    expect(new Set(rows.map((row) => row[3].reason))).toEqual(
      new Set(Object.values(Reason).filter((reason) => !elsewhere.has(reason))),
    );
  });

  it('sends qualifiers of a ROUNDS tier to its waitlist, even with seats and quota free', () => {
    const rounds: TierLadder = {
      ...ladder,
      tiers: ladder.tiers.map((t) =>
        t.id === 'inner-circle' ? { ...t, admissionMode: AdmissionMode.ROUNDS } : t,
      ),
    };
    expect(decideTier(customer({ tierId: 'friends', score: 60 }), rounds, {}, NOW)).toMatchObject({
      kind: Kind.WAITLISTED,
      reason: Reason.AWAITING_ROUND,
      waitlistedForTierId: 'inner-circle',
    });
    expect(decideTier(customer({ score: 60 }), rounds, {}, NOW)).toMatchObject({
      kind: Kind.ADMITTED_WAITLISTED,
      toTierId: 'friends',
      waitlistedForTierId: 'inner-circle',
      reason: Reason.AWAITING_ROUND,
    });
  });
});

describe('grace cannot be gamed', () => {
  // Friends: entry 20, retain 15, grace 14 days. One decision a day, as the sweep would make.
  const live = (scoreOnDay: (day: number) => number, days: number): CustomerTierState => {
    let state: CustomerTierState = { ...customer({ tierId: 'friends', score: 0 }) };
    for (let day = 0; day < days && state.tierId === 'friends'; day++) {
      const now = new Date(NOW.getTime() + day * DAY);
      state = { ...state, score: scoreOnDay(day) };
      state = applyDecision(state, decideTier(state, ladder, {}, now), now);
    }
    return state;
  };

  it('downgrades a customer below retain on 348 of 360 days, whatever the 12 brief recoveries', () => {
    const recoveries = new Set([10, 20, 30, 44, 58, 72, 100, 150, 200, 250, 300, 350]);
    const after = live((day) => (recoveries.has(day) ? 16 : 14), 360);
    expect(after.tierId).not.toBe('friends');
  });

  it('keeps the tier of a genuine recovery back to the entry score', () => {
    const after = live((day) => (day < 10 ? 14 : day === 10 ? 21 : 17), 360);
    expect(after.tierId).toBe('friends');
    expect(after.graceUntil).toBeNull();
  });
});
