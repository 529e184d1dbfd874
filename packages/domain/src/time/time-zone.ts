import { InputProblemCode, assertFinite, invalidInput } from '../errors/guards.js';

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
    if (typeof timeZone !== 'string' || timeZone.length === 0) throw unknownZone();
    try {
      formatter = newFormatter(timeZone);
    } catch {
      throw unknownZone();
    }
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

function unknownZone(): Error {
  return invalidInput(
    'timeZone',
    InputProblemCode.INVALID_TIME_ZONE,
    'is not an IANA time zone (e.g. "Europe/Paris").',
  );
}

function newFormatter(timeZone: string): Intl.DateTimeFormat {
  return new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  });
}

/** True when `timeZone` is an IANA zone name the runtime knows (e.g. 'Europe/Paris', 'UTC'). */
export function isValidTimeZone(timeZone: unknown): timeZone is string {
  try {
    formatterFor(timeZone as string);
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
  const slot = Math.floor(epochMs / QUARTER_HOUR_MS);
  const perZone = offsetCache.get(timeZone);
  const cached = perZone?.get(slot);
  if (cached !== undefined) return cached;
  // Only a miss can be garbage (NaN is never a key, an unknown zone never cached), so the
  // checks cost nothing on the hot path.
  assertFinite(epochMs, 'epochMs');
  const offset = computeOffsetMs(slot * QUARTER_HOUR_MS, timeZone);
  if (perZone === undefined) offsetCache.set(timeZone, new Map([[slot, offset]]));
  else {
    if (perZone.size >= MAX_CACHED_OFFSETS) perZone.clear();
    perZone.set(slot, offset);
  }
  return offset;
}

/** Days since 1970-01-01 of the local calendar date in `timeZone` at `epochMs`. */
export function localDayNumber(epochMs: number, timeZone: string): number {
  return Math.floor((epochMs + offsetMsAt(epochMs, timeZone)) / DAY_MS);
}

/**
 * The first instant of the local calendar day `dayNumber` in `timeZone`: its local midnight, or,
 * where DST skips midnight (America/Asuncion, Asia/Beirut, America/Santiago… jump from 23:59:59
 * to 01:00), the instant the day begins (01:00 local). Never an instant of the day before.
 */
export function localMidnightMs(dayNumber: number, timeZone: string): number {
  const wallClock = dayNumber * DAY_MS;
  // A day either side of the wall-clock reading is outside any zone's offset (±14 h), so the
  // offset there is the one in force before this midnight's transition, if any.
  const before = offsetMsAt(wallClock - DAY_MS, timeZone);
  const early = wallClock - before;
  const atEarly = offsetMsAt(early, timeZone);
  // Midnight exists under the earlier offset: nothing earlier is on this day.
  if (atEarly === before) return early;
  const late = wallClock - atEarly;
  // The offset changed before midnight (e.g. a 01:00 → 00:00 fall-back): midnight under the new one.
  if (offsetMsAt(late, timeZone) === atEarly) return late;
  // Midnight falls in a gap: the day begins at the transition, somewhere in (late, early].
  return firstInstantAtOrAfter(late, early, wallClock, timeZone);
}

// Offsets only change on quarter-hour boundaries, so the transition is the first boundary in
// (from, to] whose wall clock has reached `wallClock`; the gap is a few quarter hours at most.
function firstInstantAtOrAfter(from: number, to: number, wallClock: number, timeZone: string): number {
  let low = Math.floor(from / QUARTER_HOUR_MS); // wall clock still before `wallClock` here
  let high = Math.ceil(to / QUARTER_HOUR_MS); // and reached at this boundary
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    const at = middle * QUARTER_HOUR_MS;
    if (at + offsetMsAt(at, timeZone) >= wallClock) high = middle;
    else low = middle;
  }
  return high * QUARTER_HOUR_MS;
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
