import { Period, nextPeriodStart, periodKey, periodStart } from './period.js';

describe('periods', () => {
  it.each([
    // now, period, zone, start, key, next
    [
      '2026-11-27T12:00:00Z',
      Period.WEEK,
      'Europe/Paris',
      '2026-11-22T23:00:00.000Z',
      '2026-W48',
      '2026-11-29T23:00:00.000Z',
    ],
    [
      '2026-11-22T23:30:00Z',
      Period.WEEK,
      'Europe/Paris',
      '2026-11-22T23:00:00.000Z',
      '2026-W48',
      '2026-11-29T23:00:00.000Z',
    ],
    [
      '2026-11-22T22:30:00Z',
      Period.WEEK,
      'Europe/Paris',
      '2026-11-15T23:00:00.000Z',
      '2026-W47',
      '2026-11-22T23:00:00.000Z',
    ],
    [
      '2027-01-01T12:00:00Z',
      Period.WEEK,
      'UTC',
      '2026-12-28T00:00:00.000Z',
      '2026-W53',
      '2027-01-04T00:00:00.000Z',
    ],
    [
      '2025-12-31T12:00:00Z',
      Period.WEEK,
      'UTC',
      '2025-12-29T00:00:00.000Z',
      '2026-W01',
      '2026-01-05T00:00:00.000Z',
    ],
    [
      '2026-11-27T12:00:00Z',
      Period.MONTH,
      'Europe/Paris',
      '2026-10-31T23:00:00.000Z',
      '2026-11',
      '2026-11-30T23:00:00.000Z',
    ],
    [
      '2026-12-15T12:00:00Z',
      Period.MONTH,
      'UTC',
      '2026-12-01T00:00:00.000Z',
      '2026-12',
      '2027-01-01T00:00:00.000Z',
    ],
    [
      '2026-10-31T14:00:00Z',
      Period.MONTH,
      'Australia/Sydney',
      '2026-10-31T13:00:00.000Z',
      '2026-11',
      '2026-11-30T13:00:00.000Z',
    ],
    [
      '2026-03-30T12:00:00Z',
      Period.WEEK,
      'Europe/Paris',
      '2026-03-29T22:00:00.000Z',
      '2026-W14',
      '2026-04-05T22:00:00.000Z',
    ],
  ])('%s %s in %s starts %s (%s), next %s', (now, period, zone, start, key, next) => {
    const at = new Date(now);
    expect(periodStart(at, period, zone).toISOString()).toBe(start);
    expect(periodKey(at, period, zone)).toBe(key);
    expect(nextPeriodStart(at, period, zone).toISOString()).toBe(next);
  });

  it('reuses the cached window inside a period and moves on at the boundary', () => {
    expect(periodKey(new Date('2026-11-23T00:00:00Z'), Period.WEEK, 'UTC')).toBe('2026-W48');
    expect(periodKey(new Date('2026-11-29T23:59:59Z'), Period.WEEK, 'UTC')).toBe('2026-W48');
    expect(periodKey(new Date('2026-11-30T00:00:00Z'), Period.WEEK, 'UTC')).toBe('2026-W49');
  });
});
