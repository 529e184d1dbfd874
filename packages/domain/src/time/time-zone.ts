/** One calendar day in milliseconds; local days are counted on the wall clock, not by elapsed time. */
export const DAY_MS = 86_400_000;

// DST and historical offset changes all happen on quarter-hour boundaries (UTC), so an offset
// looked up once per quarter hour is exact and keeps Intl (slow, ~µs) out of hot loops.
const QUARTER_HOUR_MS = 900_000;
const MAX_CACHED_OFFSETS = 50_000;

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsetCache = new Map<string, Map<number, number>>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (formatter === undefined) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** True when `timeZone` is an IANA zone name the runtime knows (e.g. 'Europe/Paris', 'UTC'). */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  if (typeof timeZone !== 'string' || timeZone.length === 0) return false;
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

function computeOffsetMs(epochMs: number, timeZone: string): number {
  const values: Record<string, number> = {};
  for (const part of formatterFor(timeZone).formatToParts(new Date(epochMs))) {
    if (part.type !== 'literal') values[part.type] = Number(part.value);
  }
  // formatToParts always yields these six fields for the options above.
  const wallClockAsUtc = Date.UTC(
    values.year,
    values.month - 1,
    values.day,
    values.hour,
    values.minute,
    values.second,
  );
  const wholeSeconds = epochMs - (((epochMs % 1000) + 1000) % 1000);
  return wallClockAsUtc - wholeSeconds;
}

/** Offset of the zone's wall clock from UTC at `epochMs` (positive east of Greenwich). */
export function offsetMsAt(epochMs: number, timeZone: string): number {
  if (timeZone === 'UTC') return 0;
  let perZone = offsetCache.get(timeZone);
  if (perZone === undefined) {
    perZone = new Map();
    offsetCache.set(timeZone, perZone);
  }
  const slot = Math.floor(epochMs / QUARTER_HOUR_MS);
  let offset = perZone.get(slot);
  if (offset === undefined) {
    if (perZone.size >= MAX_CACHED_OFFSETS) perZone.clear();
    offset = computeOffsetMs(slot * QUARTER_HOUR_MS, timeZone);
    perZone.set(slot, offset);
  }
  return offset;
}

/** Days since 1970-01-01 of the local calendar date in `timeZone` at `epochMs`. */
export function localDayNumber(epochMs: number, timeZone: string): number {
  return Math.floor((epochMs + offsetMsAt(epochMs, timeZone)) / DAY_MS);
}

/** The instant the local calendar day `dayNumber` begins in `timeZone` (its local midnight). */
export function localMidnightMs(dayNumber: number, timeZone: string): number {
  const wallClock = dayNumber * DAY_MS;
  // Two passes: the offset at a first guess, then at the corrected instant, settles DST days.
  const firstGuess = wallClock - offsetMsAt(wallClock, timeZone);
  return wallClock - offsetMsAt(firstGuess, timeZone);
}

/** Calendar fields of a day number (month 1–12, weekday 0 = Sunday). */
export function calendarOfDay(dayNumber: number): {
  year: number;
  month: number;
  day: number;
  weekday: number;
} {
  const date = new Date(dayNumber * DAY_MS);
  return {
    year: date.getUTCFullYear(),
    month: date.getUTCMonth() + 1,
    day: date.getUTCDate(),
    weekday: date.getUTCDay(),
  };
}

/** Day number of a calendar date (month 1–12; overflowing months roll into the next year). */
export function dayNumberOf(year: number, month: number, day: number): number {
  return Math.floor(Date.UTC(year, month - 1, day) / DAY_MS);
}
