import { calendarOfDay, dayNumberOf, localDayNumber, localMidnightMs } from '../time/time-zone.js';

/** Admission quotas and campaign caps count per calendar week (Monday first) or month, in the business's zone. */
export enum Period {
  WEEK = 'WEEK',
  MONTH = 'MONTH',
}

interface PeriodWindow {
  startMs: number;
  endMs: number;
  key: string;
}

// decideTier and checkRedemption ask for the current period on every call; the answer only
// changes at a period boundary, so the last window per (zone, period) is remembered.
const lastWindow = new Map<string, PeriodWindow>();

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

/** The period window containing `epochMs` (epoch ms in, epoch ms out: used on hot paths). */
export function periodWindowAt(epochMs: number, period: Period, timeZone: string): PeriodWindow {
  const cacheKey = `${timeZone}|${period}`;
  const cached = lastWindow.get(cacheKey);
  if (cached !== undefined && epochMs >= cached.startMs && epochMs < cached.endMs) return cached;
  const firstDay = firstDayOfPeriod(localDayNumber(epochMs, timeZone), period);
  const window: PeriodWindow = {
    startMs: localMidnightMs(firstDay, timeZone),
    endMs: localMidnightMs(firstDayOfNextPeriod(firstDay, period), timeZone),
    key: keyOfPeriod(firstDay, period),
  };
  lastWindow.set(cacheKey, window);
  return window;
}

/** Local midnight starting the week (Monday) or month that contains `now`, in `timeZone`. */
export function periodStart(now: Date, period: Period, timeZone: string): Date {
  return new Date(periodWindowAt(now.getTime(), period, timeZone).startMs);
}

/** Local midnight starting the period after the one containing `now`: when quotas refill. */
export function nextPeriodStart(now: Date, period: Period, timeZone: string): Date {
  return new Date(periodWindowAt(now.getTime(), period, timeZone).endMs);
}

/** Stable label of the period containing `now`: ISO week '2026-W48' or month '2026-11'. */
export function periodKey(now: Date, period: Period, timeZone: string): string {
  return periodWindowAt(now.getTime(), period, timeZone).key;
}
