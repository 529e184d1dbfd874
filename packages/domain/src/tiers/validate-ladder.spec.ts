import { cafeLadder, tier } from '../../test/fixtures.js';
import { Period } from '../growth/period.js';
import type { TierDefinition, TierLadder } from './tier-ladder.js';
import { LadderProblemCode, validateLadder } from './validate-ladder.js';

const two = (lower: Partial<TierDefinition>, upper: Partial<TierDefinition>): TierLadder => ({
  timeZone: 'UTC',
  tiers: [
    tier({ id: 'a', name: 'A', rank: 1, entryScore: 10, ...lower }),
    tier({ id: 'b', name: 'B', rank: 2, entryScore: 20, ...upper }),
  ],
});

describe('validateLadder', () => {
  it('accepts the café ladder', () => {
    expect(validateLadder(cafeLadder())).toEqual([]);
  });

  it.each<[string, TierLadder, string, LadderProblemCode, string]>([
    [
      'an empty ladder',
      { timeZone: 'UTC', tiers: [] },
      'tiers',
      LadderProblemCode.EMPTY_LADDER,
      'A ladder needs at least one tier.',
    ],
    [
      'a bad zone',
      { ...two({}, {}), timeZone: 'Atlantis/Capital' },
      'timeZone',
      LadderProblemCode.INVALID_TIME_ZONE,
      '"Atlantis/Capital" is not an IANA time zone (e.g. "Europe/Paris").',
    ],
    [
      'a missing id',
      two({}, { id: ' ' }),
      'tiers[1].id',
      LadderProblemCode.MISSING_ID,
      'Tier 2 needs an id.',
    ],
    [
      'a duplicate id',
      two({}, { id: 'a' }),
      'tiers[1].id',
      LadderProblemCode.DUPLICATE_ID,
      'Id "a" is already used by tiers[0].',
    ],
    [
      'a missing name',
      two({ name: '' }, {}),
      'tiers[0].name',
      LadderProblemCode.MISSING_NAME,
      'Tier 1 needs a name.',
    ],
    [
      'a duplicate name (any case)',
      two({}, { name: ' a ' }),
      'tiers[1].name',
      LadderProblemCode.DUPLICATE_NAME,
      'Name "a" is already used by tiers[0].',
    ],
    [
      'a zero rank',
      two({ rank: 0 }, {}),
      'tiers[0].rank',
      LadderProblemCode.INVALID_RANK,
      'Rank must be a whole number ≥ 1 (1 is the lowest tier).',
    ],
    [
      'a fractional rank',
      two({}, { rank: 2.5 }),
      'tiers[1].rank',
      LadderProblemCode.INVALID_RANK,
      'Rank must be a whole number ≥ 1 (1 is the lowest tier).',
    ],
    [
      'a duplicate rank',
      two({}, { rank: 1 }),
      'tiers[1].rank',
      LadderProblemCode.DUPLICATE_RANK,
      'Rank 1 is already used by tiers[0].',
    ],
    [
      'a negative entry score',
      two({ entryScore: -1, retainScore: 0 }, {}),
      'tiers[0].entryScore',
      LadderProblemCode.INVALID_SCORE,
      'entryScore must be a number ≥ 0.',
    ],
    [
      'a NaN retain score',
      two({ retainScore: NaN }, {}),
      'tiers[0].retainScore',
      LadderProblemCode.INVALID_SCORE,
      'retainScore must be a number ≥ 0.',
    ],
    [
      'retain above entry',
      two({ retainScore: 12 }, {}),
      'tiers[0].retainScore',
      LadderProblemCode.RETAIN_ABOVE_ENTRY,
      'retainScore (12) must not exceed entryScore (10).',
    ],
    [
      'entry not increasing',
      two({}, { entryScore: 10, retainScore: 10 }),
      'tiers[1].entryScore',
      LadderProblemCode.ENTRY_NOT_INCREASING,
      'entryScore (10) must be above the entryScore of the tier ranked below (10).',
    ],
    [
      'retain not increasing',
      two({ retainScore: 9 }, { retainScore: 8 }),
      'tiers[1].retainScore',
      LadderProblemCode.RETAIN_NOT_INCREASING,
      'retainScore (8) must not be below the retainScore of the tier ranked below (9).',
    ],
    [
      'a negative capacity',
      two({}, { capacity: -1 }),
      'tiers[1].capacity',
      LadderProblemCode.INVALID_CAPACITY,
      'capacity must be a whole number ≥ 0, or empty for no limit.',
    ],
    [
      'a fractional capacity',
      two({}, { capacity: 2.5 }),
      'tiers[1].capacity',
      LadderProblemCode.INVALID_CAPACITY,
      'capacity must be a whole number ≥ 0, or empty for no limit.',
    ],
    [
      'a negative quota',
      two({}, { admissionQuota: { limit: -2, period: Period.WEEK } }),
      'tiers[1].admissionQuota.limit',
      LadderProblemCode.INVALID_QUOTA_LIMIT,
      'The admission quota must be a whole number ≥ 0.',
    ],
    [
      'an unknown quota period',
      two({}, { admissionQuota: { limit: 2, period: 'DAY' as Period } }),
      'tiers[1].admissionQuota.period',
      LadderProblemCode.INVALID_QUOTA_PERIOD,
      'The quota period must be WEEK or MONTH.',
    ],
    [
      'negative grace days',
      two({ graceDays: -1 }, {}),
      'tiers[0].graceDays',
      LadderProblemCode.INVALID_GRACE_DAYS,
      'graceDays must be a whole number ≥ 0.',
    ],
  ])('reports %s', (_, ladder, path, code, message) => {
    expect(validateLadder(ladder)).toEqual([{ path, code, message }]);
  });

  it('compares thresholds in rank order, whatever the array order', () => {
    const ladder: TierLadder = {
      timeZone: 'UTC',
      tiers: [tier({ id: 'top', rank: 3, entryScore: 30 }), tier({ id: 'base', rank: 1, entryScore: 40 })],
    };
    expect(validateLadder(ladder).map((p) => [p.path, p.code])).toEqual([
      ['tiers[0].entryScore', LadderProblemCode.ENTRY_NOT_INCREASING],
      ['tiers[0].retainScore', LadderProblemCode.RETAIN_NOT_INCREASING],
    ]);
  });

  it('returns every problem at once', () => {
    const ladder = {
      timeZone: 'Nope',
      tiers: [
        { id: 'x', name: 'X', rank: 1, entryScore: 10, retainScore: 20, graceDays: -1, capacity: -1 },
        {
          id: 'x',
          name: 'x',
          rank: 1,
          entryScore: 5,
          retainScore: 5,
          graceDays: 0,
          admissionQuota: { limit: 1.5, period: 'YEAR' },
        },
      ],
    } as unknown as TierLadder;
    expect(validateLadder(ladder).map((problem) => problem.code)).toEqual([
      LadderProblemCode.INVALID_TIME_ZONE,
      LadderProblemCode.RETAIN_ABOVE_ENTRY,
      LadderProblemCode.INVALID_CAPACITY,
      LadderProblemCode.INVALID_GRACE_DAYS,
      LadderProblemCode.DUPLICATE_ID,
      LadderProblemCode.DUPLICATE_NAME,
      LadderProblemCode.DUPLICATE_RANK,
      LadderProblemCode.INVALID_QUOTA_LIMIT,
      LadderProblemCode.INVALID_QUOTA_PERIOD,
    ]);
  });

  it('survives a ladder without a tiers array', () => {
    expect(validateLadder({ timeZone: 'UTC' } as TierLadder).map((p) => p.code)).toEqual([
      LadderProblemCode.EMPTY_LADDER,
    ]);
  });
});
