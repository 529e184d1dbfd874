import { DAY, NOW, tier } from '../../test/fixtures.js';
import { expectInputError } from '../../test/expect-input-error.js';
import { InputProblemCode } from '../errors/guards.js';
import { admitFromWaitlist } from './admit-from-waitlist.js';
import { Period } from './period.js';
import { compareWaitlistEntries, rankWaitlist, type WaitlistEntry } from './rank-waitlist.js';
import { admissionsUsed, freeSeats, quotaLeft } from './seat-availability.js';

const twoSeats = tier({ id: 'ic', rank: 3, entryScore: 50, capacity: 2 });
const quota = tier({ id: 'ic', rank: 3, entryScore: 50, admissionQuota: { limit: 5, period: Period.WEEK } });
const entry = (customerId: string, score = 60): WaitlistEntry => ({
  customerId,
  score,
  qualifiedAt: new Date(NOW.getTime() - DAY),
});
const waitlist = ['a', 'b', 'c', 'd', 'e'].map((id) => entry(id));
const admit = (list: WaitlistEntry[], occupancy = { members: 0, admissionsInPeriod: 0 }, now = NOW) =>
  admitFromWaitlist(list, twoSeats, occupancy, now, 'UTC');

describe('growth rejects unusable input (issue 9 counterexamples)', () => {
  it('admitFromWaitlist refuses a NaN score instead of admitting it', () => {
    expectInputError(() => admit([entry('a', Number.NaN)]), 'waitlist[0].score', InputProblemCode.NOT_FINITE);
  });

  it('admitFromWaitlist refuses a customer waiting twice instead of admitting them twice', () => {
    expectInputError(
      () => admit([entry('a', 70), entry('b', 60), entry('a', 70)]),
      'waitlist[2].customerId',
      InputProblemCode.DUPLICATE_ID,
    );
  });

  it('admitFromWaitlist refuses members: -5 instead of admitting 5 into 2 seats', () => {
    expectInputError(
      () => admit(waitlist, { members: -5, admissionsInPeriod: 0 }),
      'occupancy[ic].members',
      InputProblemCode.NOT_A_COUNT,
    );
    expect(admit(waitlist, { members: 0, admissionsInPeriod: 0 }).admitted).toEqual(['a', 'b']);
  });

  it.each([
    [
      'an Invalid Date now',
      () => admit(waitlist, undefined, new Date(Number.NaN)),
      'now',
      InputProblemCode.INVALID_DATE,
    ],
    [
      'an Invalid Date qualification',
      () => admit([entry('a'), { ...entry('b'), qualifiedAt: new Date('nope') }]),
      'waitlist[1].qualifiedAt',
      InputProblemCode.INVALID_DATE,
    ],
    [
      'an infinite score',
      () => admit([entry('a', Number.POSITIVE_INFINITY)]),
      'waitlist[0].score',
      InputProblemCode.NOT_FINITE,
    ],
    [
      'a NaN entry score on the tier',
      () => admitFromWaitlist(waitlist, { ...twoSeats, entryScore: Number.NaN }, undefined, NOW, 'UTC'),
      'tier.entryScore',
      InputProblemCode.NOT_FINITE,
    ],
    [
      'a fractional admission count',
      () => admit(waitlist, { members: 0, admissionsInPeriod: 1.5 }),
      'occupancy[ic].admissionsInPeriod',
      InputProblemCode.NOT_A_COUNT,
    ],
    [
      'a negative waitlisted count',
      () => admit(waitlist, { members: 0, admissionsInPeriod: 0, waitlisted: -1 } as never),
      'occupancy[ic].waitlisted',
      InputProblemCode.NOT_A_COUNT,
    ],
  ])('admitFromWaitlist refuses %s', (_, run, path, code) => {
    expectInputError(run, path, code);
  });

  it('seat and quota arithmetic refuses impossible counts and limits', () => {
    expectInputError(
      () => freeSeats({ ...twoSeats, capacity: -1 }, undefined),
      'tier.capacity',
      InputProblemCode.NOT_A_COUNT,
    );
    expectInputError(
      () =>
        freeSeats(tier({ id: 'open', rank: 1, entryScore: 0 }), {
          members: Number.NaN,
          admissionsInPeriod: 0,
        }),
      'occupancy[open].members',
      InputProblemCode.NOT_A_COUNT,
    );
    expectInputError(
      () =>
        quotaLeft(
          { ...quota, admissionQuota: { limit: Number.POSITIVE_INFINITY, period: Period.WEEK } },
          undefined,
          NOW.getTime(),
          'UTC',
        ),
      'tier.admissionQuota.limit',
      InputProblemCode.NOT_A_COUNT,
    );
    expectInputError(
      () => admissionsUsed(quota, { members: 0, admissionsInPeriod: -2 }, NOW.getTime(), 'UTC'),
      'occupancy[ic].admissionsInPeriod',
      InputProblemCode.NOT_A_COUNT,
    );
    expectInputError(
      () =>
        admissionsUsed(
          quota,
          { members: 0, admissionsInPeriod: 1, periodKey: '2026-W01' },
          Number.NaN,
          'UTC',
        ),
      'now',
      InputProblemCode.NOT_FINITE,
    );
  });

  it('rankWaitlist and compareWaitlistEntries refuse NaN scores and Invalid Dates', () => {
    expectInputError(
      () => rankWaitlist([entry('a'), entry('b', Number.NaN)]),
      'waitlist[1].score',
      InputProblemCode.NOT_FINITE,
    );
    expectInputError(
      () => compareWaitlistEntries(entry('a'), entry('b', Number.NaN)),
      'b.score',
      InputProblemCode.NOT_FINITE,
    );
    expectInputError(
      () => compareWaitlistEntries({ ...entry('a'), qualifiedAt: new Date(Number.NaN) }, entry('b')),
      'a.qualifiedAt',
      InputProblemCode.INVALID_DATE,
    );
    expect(compareWaitlistEntries(entry('a', 70), entry('b', 60))).toBeLessThan(0);
    expect(compareWaitlistEntries(entry('a'), entry('a'))).toBe(0);
  });
});
