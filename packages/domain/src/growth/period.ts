import { assertDate, assertFinite, assertOneOf } from '../errors/guards.js';
import { calendarOfDay, dayNumberOf, localDayNumber, localMidnightMs } from '../time/time-zone.js';

/** Admission quotas and campaign caps count per calendar week (Monday first) or month, in the business's zone. */
export enum Period {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

export const PERIODS: readonly Period[] = [Period.WEEK, Period.MONTH];

export interface PeriodWindow {
  /** First instant of the period (local midnight, or the end of a DST gap that skips it). */
  startMs: number;
  /** First instant of the next period (exclusive end). */
  endMs: number;
  key: string;
}

// decideTier and checkRedemption ask for the current period on every call, and the answer only
// changes at a boundary, so the last window per zone is kept, one map per period. A window is
// reused only for an instant inside [startMs, endMs): windows tile the timeline (each starts at
// the first instant of its first local day, and local days never run backwards — no fall-back
// crosses midnight in any zone the runtime knows, 2015–2035), so the window containing an instant
// is unique and the cache can only return what a fresh computation would.
const lastWeek = new Map<string, PeriodWindow>();
const lastMonth = new Map<string, PeriodWindow>();

function firstDayOfPeriod(dayNumber: number, period: Period): number {
  const calendar = calendarOfDay(dayNumber);
  switch (period) {
    case Period.WEEK:
      return dayNumber - ((calendar.weekday + 6) % 7);
    case Period.MONTH:
      return dayNumber - (calendar.day - 1);
  }
}

function firstDayOfNextPeriod(firstDay: number, period: Period): number {
  switch (period) {
    case Period.WEEK:
      return firstDay + 7;
    case Period.MONTH: {
      const calendar = calendarOfDay(firstDay);
      return dayNumberOf(calendar.year, calendar.month + 1, 1);
    }
  }
}

function keyOfPeriod(firstDay: number, period: Period): string {
  switch (period) {
    case Period.WEEK: {
      // ISO 8601: a week belongs to the year of its Thursday.
      const thursday = firstDay + 3;
      const year = calendarOfDay(thursday).year;
      const week = Math.floor((thursday - dayNumberOf(year, 1, 1)) / 7) + 1;
      return `${year}-W${String(week).padStart(2, '0')}`;
    }
    case Period.MONTH: {
      const calendar = calendarOfDay(firstDay);
      return `${calendar.year}-${String(calendar.month).padStart(2, '0')}`;
    }
  }
}

/** The period window containing `epochMs`, computed afresh (no cache). */
export function computePeriodWindow(epochMs: number, period: Period, timeZone: string): PeriodWindow {
  assertFinite(epochMs, 'now');
  assertOneOf(period, PERIODS, 'period');
  const firstDay = firstDayOfPeriod(localDayNumber(epochMs, timeZone), period);
  return {
    startMs: localMidnightMs(firstDay, timeZone),
    endMs: localMidnightMs(firstDayOfNextPeriod(firstDay, period), timeZone),
    key: keyOfPeriod(firstDay, period),
  };
}

/** The period window containing `epochMs` (epoch ms in, epoch ms out: used on hot paths). */
export function periodWindowAt(epochMs: number, period: Period, timeZone: string): PeriodWindow {
  const cache = period === Period.WEEK ? lastWeek : period === Period.MONTH ? lastMonth : undefined;
  const cached = cache?.get(timeZone);
  // NaN fails both comparisons and an unknown period has no cache: garbage always reaches the
  // checks in computePeriodWindow.
  if (cached !== undefined && epochMs >= cached.startMs && epochMs < cached.endMs) return cached;
  const window = computePeriodWindow(epochMs, period, timeZone);
  cache?.set(timeZone, window);
  return window;
}

/**
 * First instant of the week (Monday) or month that contains `now`, in `timeZone`: local midnight,
 * or 01:00 where DST skips that midnight (e.g. America/Asuncion, 1 October 2023).
 */
export function periodStart(now: Date, period: Period, timeZone: string): Date {
  assertDate(now, 'now');
  return new Date(periodWindowAt(now.getTime(), period, timeZone).startMs);
}

/** Local midnight starting the period after the one containing `now`: when quotas refill. */
export function nextPeriodStart(now: Date, period: Period, timeZone: string): Date {
  assertDate(now, 'now');
  return new Date(periodWindowAt(now.getTime(), period, timeZone).endMs);
}

/** Stable label of the period containing `now`: ISO week '2026-W48' or month '2026-11'. */
export function periodKey(now: Date, period: Period, timeZone: string): string {
  assertDate(now, 'now');
  return periodWindowAt(now.getTime(), period, timeZone).key;
}
