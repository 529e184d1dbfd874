import fc from 'fast-check';
import { Period } from '../src/growth/period.js';
import { AdmissionMode, type TierLadder } from '../src/tiers/tier-ladder.js';
import { tier } from './fixtures.js';

/** The tiers of `threeTierLadderArb`, by rank. */
export const THREE_TIER_IDS = ['t1', 't2', 't3'];

/**
 * Ladders of three tiers (entry 10/20/30, retain 5 below), each with any capacity (or none), any
 * weekly quota (or none), CONTINUOUS or ROUNDS admission where there is a quota, and 0 or 7 grace days.
 */
export const threeTierLadderArb = fc
  .record({
    capacities: fc.tuple(
      ...THREE_TIER_IDS.map(() => fc.option(fc.integer({ min: 0, max: 6 }), { nil: null })),
    ),
    quotas: fc.tuple(...THREE_TIER_IDS.map(() => fc.option(fc.integer({ min: 0, max: 4 }), { nil: null }))),
    rounds: fc.tuple(...THREE_TIER_IDS.map(() => fc.boolean())),
    grace: fc.tuple(...THREE_TIER_IDS.map(() => fc.constantFrom(0, 7))),
  })
  .map(({ capacities, quotas, rounds, grace }): TierLadder => ({
    timeZone: 'UTC',
    tiers: THREE_TIER_IDS.map((id, i) =>
      tier({
        id,
        rank: i + 1,
        entryScore: 10 * (i + 1),
        retainScore: 10 * (i + 1) - 5,
        capacity: capacities[i],
        admissionQuota: quotas[i] === null ? null : { limit: quotas[i], period: Period.WEEK },
        admissionMode: rounds[i] && quotas[i] !== null ? AdmissionMode.ROUNDS : AdmissionMode.CONTINUOUS,
        graceDays: grace[i],
      }),
    ),
  }));
