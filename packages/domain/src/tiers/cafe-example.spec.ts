// Keeps the README's worked example true.
import { NOW, cafeLadder, customer } from '../../test/fixtures.js';
import { Period, periodKey } from '../growth/period.js';
import { decideTier } from './decide-tier.js';
import { validateLadder } from './validate-ladder.js';

describe('README café example', () => {
  const ladder = cafeLadder();
  const week = periodKey(NOW, Period.WEEK, ladder.timeZone);
  const occupancy = {
    friends: { members: 64, admissionsInPeriod: 0 },
    'inner-circle': { members: 18, admissionsInPeriod: 5, periodKey: week },
  };
  const camille = customer({ tierId: 'friends', since: new Date('2026-09-01'), score: 57.3 });

  it('is a valid ladder in week 2026-W48', () => {
    expect(validateLadder(ladder)).toEqual([]);
    expect(week).toBe('2026-W48');
  });

  it('waitlists Camille on Friday, admits her on Monday', () => {
    expect(decideTier(camille, ladder, occupancy, NOW)).toMatchObject({
      kind: 'WAITLISTED',
      reason: 'QUOTA_SPENT',
      waitlistedForTierId: 'inner-circle',
    });
    const monday = new Date('2026-11-30T08:00:00Z');
    expect(decideTier(camille, ladder, occupancy, monday)).toMatchObject({
      kind: 'UPGRADE',
      toTierId: 'inner-circle',
      reason: 'QUALIFIED',
      facts: { occupancy: { admissionsInPeriod: 0, periodKey: '2026-W49' } },
    });
  });

  it('starts grace with a warning below 40, and keeps the seat between 40 and 50', () => {
    const member = { ...camille, tierId: 'inner-circle' };
    expect(decideTier({ ...member, score: 38 }, ladder, occupancy, NOW)).toMatchObject({
      kind: 'GRACE_STARTED',
      graceUntil: new Date('2026-12-27T12:00:00Z'),
      downgradeWarning: { on: new Date('2026-12-27T12:00:00Z'), toTierId: 'friends' },
    });
    expect(decideTier({ ...member, score: 45 }, ladder, occupancy, NOW)).toMatchObject({
      reason: 'RETAINED_WITHIN_HYSTERESIS',
    });
  });
});
