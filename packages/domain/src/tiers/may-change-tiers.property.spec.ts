import fc from 'fast-check';
import { THREE_TIER_IDS, threeTierLadderArb } from '../../test/ladder-arbitrary.js';
import { customer, DAY, NOW } from '../../test/fixtures.js';
import { Period, periodKey } from '../growth/period.js';
import { mayChangeTiers, type PlanCustomer, planTierMoves } from './plan-tier-moves.js';
import type { TierOccupancy } from './tier-ladder.js';

// The property of plan-tier-moves.spec's generator, widened (an adversarial review): locks (in force / expired / other tier /
// archived tier), customers in an archived tier, grace expired, stale quota periods, rounds — and
// the locked plan's rounds and queue requests checked too. Same ladder on both sides.
const week = periodKey(NOW, Period.WEEK, 'UTC');
const lastWeek = periodKey(new Date(NOW.getTime() - 7 * DAY), Period.WEEK, 'UTC');

const countsArb = fc.record({
  members: fc.integer({ min: 0, max: 8 }),
  admissionsInPeriod: fc.integer({ min: 0, max: 5 }),
  waitlisted: fc.integer({ min: 0, max: 4 }),
  roundHeld: fc.constantFrom<'now' | 'last' | null>('now', 'last', null),
  stalePeriod: fc.boolean(),
});
const occupancyArb = fc.tuple(...THREE_TIER_IDS.map(() => countsArb));
type Counts = typeof countsArb extends fc.Arbitrary<infer T> ? T : never;
const toOccupancy = (counts: Counts[]) =>
  Object.fromEntries(
    THREE_TIER_IDS.map((id, i): [string, TierOccupancy] => [
      id,
      {
        members: counts[i].members,
        admissionsInPeriod: counts[i].admissionsInPeriod,
        periodKey: counts[i].stalePeriod ? lastWeek : week,
        waitlisted: counts[i].waitlisted,
        roundHeldFor: counts[i].roundHeld === 'now' ? week : counts[i].roundHeld === 'last' ? lastWeek : null,
      },
    ]),
  );

const customersArb = fc.uniqueArray(
  fc.record({
    customerId: fc.string({ minLength: 1, maxLength: 4 }),
    score: fc.double({ min: 0, max: 45, noNaN: true }),
    tier: fc.constantFrom(null, 't1', 't2', 't3', 'archived'),
    grace: fc.constantFrom<'none' | 'future' | 'past'>('none', 'future', 'past'),
    lock: fc.constantFrom<null | { tierId: string; until: 'future' | 'past' | null }>(
      null,
      { tierId: 't1', until: null },
      { tierId: 't2', until: 'future' },
      { tierId: 't3', until: 'past' },
      { tierId: 'archived', until: null },
    ),
  }),
  { selector: (c) => c.customerId, minLength: 1, maxLength: 12 },
);

it('quiet on the snapshot ⇒ quiet on any exact occupancy (locks, archived, grace, periods, rounds)', () => {
  fc.assert(
    fc.property(threeTierLadderArb, customersArb, occupancyArb, occupancyArb, (ladder, raw, snap, exact) => {
      // A round held this week in the snapshot is held in the exact counts too (monotonic).
      const exactCounts = exact.map((c, i) =>
        snap[i].roundHeld === 'now' ? { ...c, roundHeld: 'now' as const } : c,
      );
      const customers: PlanCustomer[] = raw.map((c) => ({
        customerId: c.customerId,
        state: customer({
          tierId: c.tier,
          score: c.score,
          graceUntil:
            c.grace === 'none' || c.tier === null
              ? null
              : new Date(NOW.getTime() + (c.grace === 'future' ? DAY : -DAY)),
          lock:
            c.lock === null
              ? null
              : {
                  tierId: c.lock.tierId,
                  until:
                    c.lock.until === null
                      ? null
                      : new Date(NOW.getTime() + (c.lock.until === 'future' ? DAY : -DAY)),
                  reason: 'vip',
                },
        }),
      }));
      const quiet = planTierMoves({ ladder, occupancy: toOccupancy(snap), customers, now: NOW });
      if (mayChangeTiers(ladder, customers, quiet)) return;
      const locked = planTierMoves({ ladder, occupancy: toOccupancy(exactCounts), customers, now: NOW });
      expect(locked.moves).toEqual([]);
      expect(locked.stateChanges).toEqual([]);
      expect(locked.warnings).toEqual([]);
    }),
    { numRuns: 1000 },
  );
});
