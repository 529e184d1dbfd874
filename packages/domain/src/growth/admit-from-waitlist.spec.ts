import fc from 'fast-check';
import { DAY, NOW, tier } from '../../test/fixtures.js';
import { admitFromWaitlist } from './admit-from-waitlist.js';
import { Period, periodKey } from './period.js';
import { rankWaitlist, type WaitlistEntry } from './rank-waitlist.js';
import { admissionsUsed, freeSeats, quotaLeft } from './seat-availability.js';

const at = (days: number): Date => new Date(NOW.getTime() - days * DAY);
const circle = tier({
  id: 'ic',
  rank: 3,
  entryScore: 50,
  capacity: 20,
  admissionQuota: { limit: 5, period: Period.WEEK },
});
const week = periodKey(NOW, Period.WEEK, 'UTC');
const waitlist: WaitlistEntry[] = [
  { customerId: 'c', score: 70, qualifiedAt: at(1) },
  { customerId: 'b', score: 80, qualifiedAt: at(1) },
  { customerId: 'a', score: 70, qualifiedAt: at(1) },
  { customerId: 'd', score: 70, qualifiedAt: at(3) },
  { customerId: 'e', score: 40, qualifiedAt: at(9) },
];

describe('rankWaitlist', () => {
  it('orders by score, then earliest qualification, then id, without touching the input', () => {
    expect(rankWaitlist(waitlist).map((entry) => entry.customerId)).toEqual(['b', 'd', 'a', 'c', 'e']);
    expect(waitlist[0].customerId).toBe('c');
  });
});

describe('admitFromWaitlist', () => {
  it.each([
    [
      'free seats and quota',
      { members: 10, admissionsInPeriod: 0, periodKey: week },
      ['b', 'd', 'a', 'c'],
      [],
    ],
    ['one seat left', { members: 19, admissionsInPeriod: 0, periodKey: week }, ['b'], ['d', 'a', 'c']],
    [
      'two admissions left this week',
      { members: 0, admissionsInPeriod: 3, periodKey: week },
      ['b', 'd'],
      ['a', 'c'],
    ],
    ['quota spent', { members: 0, admissionsInPeriod: 5, periodKey: week }, [], ['b', 'd', 'a', 'c']],
    [
      'quota spent last week (new period)',
      { members: 0, admissionsInPeriod: 5, periodKey: '2026-W47' },
      ['b', 'd', 'a', 'c'],
      [],
    ],
    ['over capacity', { members: 25, admissionsInPeriod: 0 }, [], ['b', 'd', 'a', 'c']],
  ])('%s', (_, occupancy, admitted, remaining) => {
    const result = admitFromWaitlist(waitlist, circle, occupancy, NOW, 'UTC');
    expect(result.admitted).toEqual(admitted);
    expect(result.remaining.map((entry) => entry.customerId)).toEqual(remaining);
    expect(result.noLongerQualified).toEqual(['e']);
  });

  it('admits everyone qualified into an uncapped tier with no counts yet', () => {
    const open = tier({ id: 'open', rank: 1, entryScore: 0 });
    expect(admitFromWaitlist(waitlist, open, undefined, NOW, 'UTC').admitted).toHaveLength(5);
  });

  it('never admits more than seats or quota, and always the best-ranked first', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.record({ score: fc.integer({ min: 0, max: 100 }), days: fc.integer({ min: 0, max: 30 }) }),
          { maxLength: 40 },
        ),
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 0, max: 8 }),
        (raw, members, used) => {
          const entries = raw.map((r, i) => ({
            customerId: `c${i}`,
            score: r.score,
            qualifiedAt: at(r.days),
          }));
          const result = admitFromWaitlist(
            entries,
            circle,
            { members, admissionsInPeriod: used, periodKey: week },
            NOW,
            'UTC',
          );
          const qualified = rankWaitlist(entries.filter((entry) => entry.score >= circle.entryScore));
          const n = Math.min(Math.max(0, 20 - members), Math.max(0, 5 - used), qualified.length);
          return (
            result.admitted.length === n &&
            result.admitted.join() ===
              qualified
                .slice(0, n)
                .map((e) => e.customerId)
                .join() &&
            result.remaining.every((rest) =>
              result.admitted.every((id) => entries.find((e) => e.customerId === id)!.score >= rest.score),
            )
          );
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('seat availability', () => {
  it('reads uncapped tiers and missing counts', () => {
    const open = tier({ id: 'open', rank: 1, entryScore: 0 });
    expect(freeSeats(open, undefined)).toBe(Infinity);
    expect(freeSeats(circle, undefined)).toBe(20);
    expect(quotaLeft(open, undefined, NOW.getTime(), 'UTC')).toBe(Infinity);
    expect(quotaLeft(circle, undefined, NOW.getTime(), 'UTC')).toBe(5);
    expect(admissionsUsed(open, { members: 1, admissionsInPeriod: 3 }, NOW.getTime(), 'UTC')).toBe(0);
    expect(admissionsUsed(circle, { members: 1, admissionsInPeriod: 3 }, NOW.getTime(), 'UTC')).toBe(3);
  });
});
