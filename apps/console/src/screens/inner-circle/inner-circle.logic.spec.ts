import { nextPeriodLabel, topTier, waitReason } from './inner-circle.logic';

describe('inner circle', () => {
  it('says why the waitlist waits', () => {
    expect(waitReason({ capacity: 10, capacityRemaining: 0, admissionMode: 'CONTINUOUS' })).toBe('TIER_FULL');
    expect(
      waitReason({
        capacity: 10,
        capacityRemaining: 3,
        admissionQuota: { limit: 2, period: 'WEEK' },
        quotaUsedThisPeriod: 2,
        admissionMode: 'CONTINUOUS',
      }),
    ).toBe('QUOTA_SPENT');
    expect(
      waitReason({
        capacity: null,
        admissionQuota: { limit: 2, period: 'WEEK' },
        quotaUsedThisPeriod: 0,
        admissionMode: 'ROUNDS',
      }),
    ).toBe('NEXT_ROUND');
  });

  it('the top tier is the highest rank', () => {
    expect(topTier([{ rank: 1 }, { rank: 3 }, { rank: 2 }])).toEqual({ rank: 3 });
    expect(topTier([])).toBeUndefined();
  });

  it('the next period opens on the local Monday or the 1st, in the business time zone', () => {
    // Sunday 23:30 in Paris is already Monday 00:30 in Auckland.
    const now = new Date('2026-11-29T22:30:00Z');
    expect(nextPeriodLabel('WEEK', 'Europe/Paris', now)).toBe('Monday 30 November');
    expect(nextPeriodLabel('WEEK', 'Pacific/Auckland', now)).toBe('Monday 7 December');
    expect(nextPeriodLabel('MONTH', 'Europe/Paris', now)).toBe('Tuesday 1 December');
    expect(nextPeriodLabel('MONTH', 'Europe/Paris', new Date('2026-12-15T12:00:00Z'))).toBe(
      'Friday 1 January',
    );
  });
});
