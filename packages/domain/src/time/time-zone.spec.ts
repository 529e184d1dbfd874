import {
  DAY_MS,
  calendarOfDay,
  dayNumberOf,
  isValidTimeZone,
  localDayNumber,
  localMidnightMs,
  offsetMsAt,
} from './time-zone.js';

describe('time zones', () => {
  it.each([
    ['UTC', true],
    ['Europe/Paris', true],
    ['America/St_Johns', true],
    ['Mars/Olympus', false],
    ['', false],
    [42, false],
  ])('isValidTimeZone(%p) is %p', (zone, valid) => {
    expect(isValidTimeZone(zone)).toBe(valid);
  });

  it.each([
    ['2026-07-01T12:00:00Z', 'Europe/Paris', 2],
    ['2026-12-01T12:00:00Z', 'Europe/Paris', 1],
    ['2026-12-01T12:00:00Z', 'America/St_Johns', -3.5],
    ['2026-12-01T12:00:00Z', 'Asia/Kathmandu', 5.75],
    ['1969-12-31T23:59:59.500Z', 'Europe/London', 1],
  ])('offset at %s in %s is %p hours', (iso, zone, hours) => {
    expect(offsetMsAt(Date.parse(iso), zone)).toBe(hours * 3_600_000);
  });

  it('switches offset exactly at the DST change (Paris, 2026-03-29 01:00Z)', () => {
    const change = Date.parse('2026-03-29T01:00:00Z');
    expect(offsetMsAt(change - 1, 'Europe/Paris')).toBe(3_600_000);
    expect(offsetMsAt(change, 'Europe/Paris')).toBe(7_200_000);
  });

  it('finds local midnights, also on DST days', () => {
    const day = localDayNumber(Date.parse('2026-03-29T12:00:00Z'), 'Europe/Paris');
    expect(new Date(localMidnightMs(day, 'Europe/Paris')).toISOString()).toBe('2026-03-28T23:00:00.000Z');
    expect(new Date(localMidnightMs(day + 1, 'Europe/Paris')).toISOString()).toBe('2026-03-29T22:00:00.000Z');
    expect(localMidnightMs(day, 'UTC')).toBe(day * DAY_MS);
  });

  it('counts local days on the wall clock', () => {
    // 22:30Z is 23:30 in Paris (still the 26th); an hour later it is the 27th there.
    expect(calendarOfDay(localDayNumber(Date.parse('2026-11-26T22:30:00Z'), 'Europe/Paris')).day).toBe(26);
    expect(calendarOfDay(localDayNumber(Date.parse('2026-11-26T23:30:00Z'), 'Europe/Paris')).day).toBe(27);
    expect(dayNumberOf(2026, 13, 1)).toBe(dayNumberOf(2027, 1, 1));
  });

  it('keeps answering correctly after its offset cache is recycled', () => {
    const start = Date.parse('2020-01-01T00:00:00Z');
    for (let i = 0; i <= 50_001; i++) offsetMsAt(start + i * 900_000, 'Asia/Tokyo');
    expect(offsetMsAt(start, 'Asia/Tokyo')).toBe(9 * 3_600_000);
  });

  it.each([
    // zone, local date, first instant: midnight skipped by DST → the day begins at 01:00 local
    ['America/Asuncion', '2023-10-01', '2023-10-01T04:00:00.000Z'],
    ['America/Asuncion', '2017-10-01', '2017-10-01T04:00:00.000Z'],
    ['Asia/Beirut', '2024-03-31', '2024-03-30T22:00:00.000Z'],
    ['America/Santiago', '2024-09-08', '2024-09-08T04:00:00.000Z'],
    // midnight twice (Havana falls back from 01:00 to 00:00): the first one
    ['America/Havana', '2020-11-01', '2020-11-01T04:00:00.000Z'],
    // 23:00 repeated (Beirut falls back from 00:00 to 23:00 the day before): midnight is after it
    ['Asia/Beirut', '2024-10-27', '2024-10-26T22:00:00.000Z'],
    // midnight reached by a jump (Nuuk springs from 23:00 to 00:00)
    ['America/Nuuk', '2024-03-31', '2024-03-31T01:00:00.000Z'],
  ])('in %s, %s begins at %s', (zone, date, first) => {
    const day = Date.parse(`${date}T00:00:00Z`) / DAY_MS;
    const start = localMidnightMs(day, zone);
    expect(new Date(start).toISOString()).toBe(first);
    expect(localDayNumber(start, zone)).toBe(day);
    expect(localDayNumber(start - 1, zone)).toBe(day - 1);
  });

  it('starts a skipped day where the next one starts (Pacific/Apia had no 30 December 2011)', () => {
    const dec30 = Date.parse('2011-12-30T00:00:00Z') / DAY_MS;
    const start = '2011-12-30T10:00:00.000Z'; // 23:59:59 on the 29th (−10) was followed by 00:00 on the 31st (+14)
    expect(new Date(localMidnightMs(dec30, 'Pacific/Apia')).toISOString()).toBe(start);
    expect(new Date(localMidnightMs(dec30 + 1, 'Pacific/Apia')).toISOString()).toBe(start);
    expect(localDayNumber(Date.parse(start), 'Pacific/Apia')).toBe(dec30 + 1);
  });

  it('refuses a non-finite instant and an unknown zone with a DomainError', () => {
    expect(() => offsetMsAt(Number.NaN, 'Europe/Paris')).toThrow(
      'INVALID_INPUT: epochMs: epochMs must be a finite number, got NaN.',
    );
    expect(() => localDayNumber(Date.parse('2026-01-01'), 'Mars/Olympus')).toThrow(
      'INVALID_INPUT: timeZone: timeZone is not an IANA time zone (e.g. "Europe/Paris").',
    );
  });
});
