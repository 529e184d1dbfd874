import { cafeLadder, customer, NOW } from '../../test/fixtures.js';
import { Period } from '../growth/period.js';
import {
  isBoundedTier,
  OCCUPANCY_NOT_EXACT,
  OccupancyNotExactError,
  tiersAPlanReads,
} from './exact-occupancy.js';
import { planTierMoves, waitlistHeadRequests } from './plan-tier-moves.js';

describe('isBoundedTier', () => {
  it('is true for a capacity or a quota, false otherwise', () => {
    const [regulars, , inner] = cafeLadder().tiers;
    expect(isBoundedTier(regulars)).toBe(false);
    expect(isBoundedTier(inner)).toBe(true);
    expect(isBoundedTier({ ...regulars, capacity: 0 })).toBe(true);
    expect(isBoundedTier({ ...regulars, admissionQuota: { limit: 1, period: Period.WEEK } })).toBe(true);
  });
});

describe('tiersAPlanReads', () => {
  const ladder = cafeLadder();

  it('names no tier for newcomers who reach only unbounded tiers', () => {
    const customers = [
      { customerId: 'a', state: customer({ score: 6 }) },
      { customerId: 'b', state: customer({ score: 25, tierId: 'regulars' }) },
    ];
    expect(tiersAPlanReads(ladder, customers, NOW)).toEqual(new Set());
  });

  it('names the bounded tiers a score reaches, holds, waits for or is locked to', () => {
    const reach = [{ customerId: 'a', state: customer({ score: 60 }) }];
    expect(tiersAPlanReads(ladder, reach, NOW)).toEqual(new Set(['inner-circle']));
    const member = [{ customerId: 'b', state: customer({ score: 45, tierId: 'inner-circle' }) }];
    expect(tiersAPlanReads(ladder, member, NOW)).toEqual(new Set(['inner-circle']));
    const waiting = [
      {
        customerId: 'c',
        state: customer({ score: 1, tierId: 'friends', waitlistedForTierId: 'inner-circle' }),
      },
    ];
    expect(tiersAPlanReads(ladder, waiting, NOW)).toEqual(new Set(['inner-circle']));
    const locked = [
      {
        customerId: 'd',
        state: customer({ score: 0, lock: { tierId: 'inner-circle', until: null, reason: 'vip' } }),
      },
    ];
    expect(tiersAPlanReads(ladder, locked, NOW)).toEqual(new Set(['inner-circle']));
  });

  it('names the bounded tiers below when the score falls under retain (a downgrade looks for a seat)', () => {
    const bounded = {
      ...ladder,
      tiers: ladder.tiers.map((t) => (t.id === 'regulars' ? { ...t, capacity: 100 } : t)),
    };
    const falling = [{ customerId: 'a', state: customer({ score: 10, tierId: 'friends' }) }];
    expect(tiersAPlanReads(bounded, falling, NOW)).toEqual(new Set(['regulars']));
    const staying = [{ customerId: 'b', state: customer({ score: 16, tierId: 'friends' }) }];
    expect(tiersAPlanReads(bounded, staying, NOW)).toEqual(new Set());
  });
});

describe('planTierMoves with exactTierIds', () => {
  const ladder = cafeLadder();
  const occupancy = {
    regulars: { members: 3, admissionsInPeriod: 0, waitlisted: 0 },
    'inner-circle': { members: 20, admissionsInPeriod: 0, waitlisted: 2 },
  };

  it('throws OccupancyNotExactError rather than decide on a bounded tier outside the set', () => {
    const customers = [{ customerId: 'a', state: customer({ score: 60 }) }];
    let thrown: unknown;
    try {
      planTierMoves({ ladder, occupancy, customers, now: NOW, exactTierIds: new Set() });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(OccupancyNotExactError);
    expect(thrown).toMatchObject({ code: OCCUPANCY_NOT_EXACT, tierId: 'inner-circle' });
  });

  it('moves newcomers into an unbounded tier with nothing exact, and serves no queue outside the set', () => {
    const customers = [{ customerId: 'a', state: customer({ score: 6 }) }];
    const plan = planTierMoves({ ladder, occupancy, customers, now: NOW, exactTierIds: new Set() });
    expect(plan.moves.map((m) => [m.customerId, m.toTierId])).toEqual([['a', 'regulars']]);
    expect(plan.occupancy.regulars.members).toBe(4);
    const freed = { ...occupancy, 'inner-circle': { members: 10, admissionsInPeriod: 0, waitlisted: 2 } };
    const restricted = planTierMoves({
      ladder,
      occupancy: freed,
      customers,
      now: NOW,
      exactTierIds: new Set(),
    });
    expect(waitlistHeadRequests(ladder, restricted, new Set())).toEqual([]);
    expect(waitlistHeadRequests(ladder, restricted)).toEqual([{ tierId: 'inner-circle', limit: 30 }]);
  });
});
