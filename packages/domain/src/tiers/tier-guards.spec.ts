import { DAY, NOW, cafeLadder, customer } from '../../test/fixtures.js';
import { expectInputError } from '../../test/expect-input-error.js';
import { InputProblemCode } from '../errors/guards.js';
import { Period } from '../growth/period.js';
import { applyDecision } from './apply-decision.js';
import { decideTier } from './decide-tier.js';
import { TierDecisionKind } from './tier-decision.js';
import type { TierLadder } from './tier-ladder.js';

const ladder = cafeLadder();
const lockTo2030 = { tierId: 'inner-circle', until: new Date('2030-01-01T00:00:00Z'), reason: 'founder' };
const lockedLowScorer = customer({ tierId: 'inner-circle', score: 1, lock: lockTo2030 });

const withTier = (index: number, change: object): TierLadder => ({
  ...ladder,
  tiers: ladder.tiers.map((t, i) => (i === index ? { ...t, ...change } : t)),
});

describe('tiers reject unusable input (issue 9 counterexamples)', () => {
  it('decideTier refuses an Invalid Date now instead of ignoring a lock that runs to 2030', () => {
    expect(decideTier(lockedLowScorer, ladder, {}, NOW).kind).toBe(TierDecisionKind.LOCKED);
    expectInputError(
      () => decideTier(lockedLowScorer, ladder, {}, new Date(Number.NaN)),
      'now',
      InputProblemCode.INVALID_DATE,
    );
  });

  it.each([
    ['a NaN score', { score: Number.NaN }, 'customer.score', InputProblemCode.NOT_FINITE],
    ['an infinite score', { score: Number.NEGATIVE_INFINITY }, 'customer.score', InputProblemCode.NOT_FINITE],
    [
      'an Invalid Date lock end',
      { lock: { ...lockTo2030, until: new Date('nope') } },
      'customer.lock.until',
      InputProblemCode.INVALID_DATE,
    ],
    [
      'an Invalid Date grace end',
      { tierId: 'friends', score: 1, graceUntil: new Date(Number.NaN) },
      'customer.graceUntil',
      InputProblemCode.INVALID_DATE,
    ],
    [
      'an Invalid Date since',
      { since: new Date(Number.NaN) },
      'customer.since',
      InputProblemCode.INVALID_DATE,
    ],
    [
      'an Invalid Date qualification',
      { qualifiedAt: new Date(Number.NaN) },
      'customer.qualifiedAt',
      InputProblemCode.INVALID_DATE,
    ],
  ])('decideTier refuses %s', (_, change, path, code) => {
    expectInputError(
      () => decideTier(customer({ tierId: 'friends', score: 30, ...change }), ladder, {}, NOW),
      path,
      code,
    );
  });

  it.each([
    [
      'a duplicate tier id',
      withTier(2, { id: 'friends' }),
      'ladder.tiers[2].id',
      InputProblemCode.DUPLICATE_ID,
    ],
    [
      'a NaN entry score',
      withTier(1, { entryScore: Number.NaN }),
      'ladder.tiers[1].entryScore',
      InputProblemCode.NOT_FINITE,
    ],
    [
      'an infinite retain score',
      withTier(1, { retainScore: Infinity }),
      'ladder.tiers[1].retainScore',
      InputProblemCode.NOT_FINITE,
    ],
    ['a NaN rank', withTier(0, { rank: Number.NaN }), 'ladder.tiers[0].rank', InputProblemCode.NOT_FINITE],
    [
      'a negative capacity',
      withTier(2, { capacity: -1 }),
      'ladder.tiers[2].capacity',
      InputProblemCode.NOT_A_COUNT,
    ],
    [
      'negative grace days',
      withTier(1, { graceDays: -3 }),
      'ladder.tiers[1].graceDays',
      InputProblemCode.NOT_A_COUNT,
    ],
    [
      'a NaN quota',
      withTier(2, { admissionQuota: { limit: Number.NaN, period: Period.WEEK } }),
      'ladder.tiers[2].admissionQuota.limit',
      InputProblemCode.NOT_A_COUNT,
    ],
    [
      'an unknown quota period',
      withTier(2, { admissionQuota: { limit: 5, period: 'DAY' } }),
      'ladder.tiers[2].admissionQuota.period',
      InputProblemCode.UNKNOWN_VALUE,
    ],
  ])('decideTier refuses a ladder with %s', (_, badLadder, path, code) => {
    expectInputError(() => decideTier(customer({ score: 30 }), badLadder, {}, NOW), path, code);
  });

  it('decideTier refuses a negative member count of a tier it considers', () => {
    expectInputError(
      () =>
        decideTier(
          customer({ tierId: 'friends', score: 60 }),
          ladder,
          { 'inner-circle': { members: -5, admissionsInPeriod: 0 } },
          NOW,
        ),
      'occupancy[inner-circle].members',
      InputProblemCode.NOT_A_COUNT,
    );
  });

  it('applyDecision refuses an Invalid Date now or customer date', () => {
    const friend = customer({ tierId: 'friends', score: 30 });
    const decision = decideTier(friend, ladder, {}, NOW);
    expectInputError(
      () => applyDecision(friend, decision, new Date(Number.NaN)),
      'now',
      InputProblemCode.INVALID_DATE,
    );
    expectInputError(
      () =>
        applyDecision(
          { ...friend, graceUntil: new Date(Number.NaN) },
          decision,
          new Date(NOW.getTime() + DAY),
        ),
      'customer.graceUntil',
      InputProblemCode.INVALID_DATE,
    );
  });
});
