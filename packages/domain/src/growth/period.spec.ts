import { DomainError, DomainErrorCode } from '../errors/domain-error.js';
import { InputProblemCode } from '../errors/guards.js';
import {
  Period,
  computePeriodWindow,
  nextPeriodStart,
  periodKey,
  periodStart,
  periodWindowAt,
} from './period.js';

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

  describe('where DST skips local midnight (issue 9 counterexamples)', () => {
    // America/Asuncion, 1 October 2023: 23:59:59 (−04) is followed by 01:00 (−03) at 04:00Z.
    const zone = 'America/Asuncion';

    it('starts October 2023 at 01:00 local, the first instant of the 1st', () => {
      const october = periodStart(new Date('2023-10-15T12:00:00Z'), Period.MONTH, zone);
      expect(october.toISOString()).toBe('2023-10-01T04:00:00.000Z');
      expect(nextPeriodStart(new Date('2023-09-15T12:00:00Z'), Period.MONTH, zone)).toEqual(october);
    });

    it('at 2023-10-01T03:00Z (23:00 on 30 September) the next period is still ahead', () => {
      const at = new Date('2023-10-01T03:00:00Z');
      expect(nextPeriodStart(at, Period.MONTH, zone).getTime()).toBeGreaterThan(at.getTime());
      expect(periodKey(at, Period.MONTH, zone)).toBe('2023-09');
    });

    it('at 03:30Z the key is 2023-09 whatever was asked before', () => {
      const at = new Date('2023-10-01T03:30:00Z');
      periodKey(new Date('2023-10-01T04:30:00Z'), Period.MONTH, zone); // an October window first
      expect(periodKey(at, Period.MONTH, zone)).toBe('2023-09');
      periodKey(new Date('2023-09-30T12:00:00Z'), Period.MONTH, zone); // a September window first
      expect(periodKey(at, Period.MONTH, zone)).toBe('2023-09');
      expect(periodKey(new Date('2023-10-01T04:00:00Z'), Period.MONTH, zone)).toBe('2023-10');
      expect(periodWindowAt(at.getTime(), Period.MONTH, zone)).toEqual(
        computePeriodWindow(at.getTime(), Period.MONTH, zone),
      );
    });

    it('starts October 2017 at 01:00 local too (Sunday 1 October, still in week 39)', () => {
      const at = new Date('2017-10-01T04:30:00Z');
      expect(periodStart(at, Period.MONTH, zone).toISOString()).toBe('2017-10-01T04:00:00.000Z');
      expect(periodKey(new Date('2017-10-01T03:59:59.999Z'), Period.MONTH, zone)).toBe('2017-09');
      expect(periodKey(at, Period.MONTH, zone)).toBe('2017-10');
      expect(periodKey(at, Period.WEEK, zone)).toBe('2017-W39');
    });

    it('starts September 2024 in America/Santiago at 01:00 (Chile skips the midnight of Sunday the 1st)', () => {
      const at = new Date('2024-09-08T12:00:00Z');
      expect(periodStart(at, Period.MONTH, 'America/Santiago').toISOString()).toBe(
        '2024-09-01T04:00:00.000Z',
      );
      expect(periodKey(new Date('2024-09-01T03:59:00Z'), Period.MONTH, 'America/Santiago')).toBe('2024-08');
    });

    it('starts a month on the first of two midnights (America/Havana, 1 November 2020 falls back at 01:00)', () => {
      const at = new Date('2020-11-01T04:30:00Z'); // 00:30 CDT, before the clocks go back to 00:00 CST
      expect(periodKey(at, Period.MONTH, 'America/Havana')).toBe('2020-11');
      expect(periodStart(at, Period.MONTH, 'America/Havana').toISOString()).toBe('2020-11-01T04:00:00.000Z');
    });
  });

  it.each([
    ['an Invalid Date', new Date(Number.NaN)],
    ['a non-date', '2026-11-27' as unknown as Date],
  ])('refuses %s as now, naming the field (periodKey used to return "NaN-WNaN")', (_, now) => {
    for (const run of [periodKey, periodStart, nextPeriodStart]) {
      expect(() => run(now, Period.WEEK, 'UTC')).toThrow(DomainError);
    }
    try {
      periodKey(now, Period.WEEK, 'Europe/Paris');
    } catch (error) {
      expect(error).toMatchObject({
        code: DomainErrorCode.INVALID_INPUT,
        problems: [{ path: 'now', code: InputProblemCode.INVALID_DATE }],
      });
    }
  });

  it('refuses an unknown period and an unknown zone', () => {
    const now = new Date('2026-11-27T12:00:00Z');
    expect(() => periodKey(now, 'YEAR' as Period, 'UTC')).toThrow(
      'INVALID_INPUT: period: period must be one of WEEK, MONTH.',
    );
    expect(() => periodKey(now, Period.MONTH, 'Mars/Olympus')).toThrow(
      expect.objectContaining({
        problems: [expect.objectContaining({ path: 'timeZone', code: InputProblemCode.INVALID_TIME_ZONE })],
      }),
    );
    expect(() => periodWindowAt(Number.POSITIVE_INFINITY, Period.MONTH, 'UTC')).toThrow(DomainError);
  });
});
