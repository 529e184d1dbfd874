// Periods and local days checked against an independent implementation: the TC39 Temporal
// polyfill, whose startOfDay is by definition the first instant of a local day (local midnight, or
// the end of a DST gap that skips midnight). Same tz database (the runtime's Intl), different code.
import { Temporal } from '@js-temporal/polyfill';
import fc from 'fast-check';
import { DAY_MS, isValidTimeZone, localDayNumber, localMidnightMs } from '../time/time-zone.js';
import {
  Period,
  computePeriodWindow,
  nextPeriodStart,
  periodKey,
  periodStart,
  periodWindowAt,
} from './period.js';

/** 60 zones: every DST-at-midnight zone we know of, half- and quarter-hour offsets, ±14 h, the plain ones. */
const ZONES = [
  'America/Asuncion',
  'America/Santiago',
  'America/Havana',
  'Asia/Beirut',
  'Asia/Gaza',
  'Asia/Hebron',
  'Asia/Tehran',
  'Asia/Amman',
  'Asia/Damascus',
  'Africa/Cairo',
  'Africa/Casablanca',
  'Atlantic/Azores',
  'America/Nuuk',
  'America/Scoresbysund',
  'Pacific/Apia',
  'Pacific/Fiji',
  'Pacific/Tongatapu',
  'Pacific/Kiritimati',
  'Pacific/Chatham',
  'Pacific/Norfolk',
  'Pacific/Auckland',
  'Pacific/Honolulu',
  'Pacific/Pago_Pago',
  'Etc/GMT+12',
  'Australia/Lord_Howe',
  'Australia/Adelaide',
  'Australia/Sydney',
  'Australia/Eucla',
  'Australia/Perth',
  'Asia/Kolkata',
  'Asia/Kathmandu',
  'Asia/Colombo',
  'Asia/Yangon',
  'Asia/Pyongyang',
  'Asia/Tokyo',
  'Asia/Shanghai',
  'Asia/Dubai',
  'Asia/Karachi',
  'Europe/London',
  'Europe/Dublin',
  'Europe/Lisbon',
  'Europe/Paris',
  'Europe/Istanbul',
  'Europe/Moscow',
  'Europe/Volgograd',
  'Africa/Johannesburg',
  'Africa/Juba',
  'Antarctica/Troll',
  'Antarctica/Casey',
  'America/St_Johns',
  'America/Halifax',
  'America/New_York',
  'America/Chicago',
  'America/Denver',
  'America/Phoenix',
  'America/Los_Angeles',
  'America/Anchorage',
  'America/Whitehorse',
  'America/Sao_Paulo',
  'America/Mexico_City',
  'America/Caracas',
  'America/Miquelon',
  'Atlantic/Stanley',
  'UTC',
];

const FROM = Date.UTC(2015, 0, 1);
const TO = Date.UTC(2036, 0, 1);
const HOUR = 3_600_000;
const EPOCH = Temporal.PlainDate.from('1970-01-01');

const pad = (n: number): string => String(n).padStart(2, '0');

interface Expected {
  dayNumber: number;
  midnight: number;
  week: { start: number; next: number; key: string };
  month: { start: number; next: number; key: string };
}

function oracle(epochMs: number, zone: string): Expected {
  const date = Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(zone).toPlainDate();
  const startOf = (day: Temporal.PlainDate): number =>
    day.toZonedDateTime({ timeZone: zone }).epochMilliseconds;
  const monday = date.subtract({ days: date.dayOfWeek - 1 });
  const first = date.with({ day: 1 });
  return {
    dayNumber: EPOCH.until(date).days,
    midnight: startOf(date),
    week: {
      start: startOf(monday),
      next: startOf(monday.add({ weeks: 1 })),
      key: `${date.yearOfWeek}-W${pad(date.weekOfYear!)}`,
    },
    month: {
      start: startOf(first),
      next: startOf(first.add({ months: 1 })),
      key: `${date.year}-${pad(date.month)}`,
    },
  };
}

function check(epochMs: number, zone: string): void {
  const expected = oracle(epochMs, zone);
  const at = new Date(epochMs);
  const label = `${new Date(epochMs).toISOString()} in ${zone}`;
  expect({ label, day: localDayNumber(epochMs, zone) }).toEqual({ label, day: expected.dayNumber });
  expect({ label, midnight: localMidnightMs(expected.dayNumber, zone) }).toEqual({
    label,
    midnight: expected.midnight,
  });
  for (const [period, want] of [
    [Period.WEEK, expected.week],
    [Period.MONTH, expected.month],
  ] as const) {
    const start = periodStart(at, period, zone).getTime();
    const next = nextPeriodStart(at, period, zone).getTime();
    expect(start).toBeLessThanOrEqual(epochMs);
    expect(next).toBeGreaterThan(epochMs);
    expect({ label, period, start, next, key: periodKey(at, period, zone) }).toEqual({
      label,
      period,
      start: want.start,
      next: want.next,
      key: want.key,
    });
  }
}

/** Every offset transition of `zone` in [FROM, TO). */
function transitions(zone: string): number[] {
  const found: number[] = [];
  let at: Temporal.ZonedDateTime | null =
    Temporal.Instant.fromEpochMilliseconds(FROM).toZonedDateTimeISO(zone);
  while ((at = at.getTimeZoneTransition('next')) !== null && at.epochMilliseconds < TO) {
    found.push(at.epochMilliseconds);
  }
  return found;
}

describe('periods and local days against the Temporal polyfill', () => {
  it('covers at least 50 zones the runtime knows', () => {
    expect(new Set(ZONES).size).toBeGreaterThanOrEqual(50);
    expect(ZONES.filter((zone) => !isValidTimeZone(zone))).toEqual([]);
  });

  it('agrees at random instants of 2015–2035', () => {
    fc.assert(
      fc.property(fc.integer({ min: FROM, max: TO - 1 }), fc.constantFrom(...ZONES), (epochMs, zone) => {
        check(epochMs, zone);
      }),
      { numRuns: 3_000 },
    );
  });

  it('agrees just around the local midnights that open a period', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: FROM, max: TO - 1 }),
        fc.constantFrom(...ZONES),
        fc.constantFrom(-HOUR, -1, 0, 1, HOUR - 1, HOUR),
        (epochMs, zone, delta) => {
          const { week, month } = oracle(epochMs, zone);
          check(week.start + delta, zone);
          check(month.start + delta, zone);
        },
      ),
      { numRuns: 1_500 },
    );
  });

  it('agrees on both sides of every offset transition of 2015–2035', () => {
    let checked = 0;
    for (const zone of ZONES) {
      for (const transition of transitions(zone)) {
        for (const delta of [-HOUR, -1, 0, 1, HOUR]) {
          check(transition + delta, zone);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(5_000);
  });

  it('answers the same whatever was asked before (the window cache never leaks)', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(...ZONES),
        fc.array(
          fc.tuple(
            fc.integer({ min: FROM, max: TO - 1 }),
            fc.integer({ min: -2 * DAY_MS, max: 2 * DAY_MS }),
            fc.constantFrom(Period.WEEK, Period.MONTH),
          ),
          { minLength: 2, maxLength: 30 },
        ),
        (zone, calls) => {
          // Instants cluster around a few period starts, where a stale window would show.
          for (const [base, delta, period] of calls) {
            const epochMs = computePeriodWindow(base, period, zone).startMs + delta;
            expect(periodWindowAt(epochMs, period, zone)).toEqual(computePeriodWindow(epochMs, period, zone));
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
