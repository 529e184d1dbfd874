import { DAY_MS, localDayNumber, localMidnightMs } from '../time/time-zone.js';

// Day 0 (1970-01-01) was a Thursday: shifting by 3 makes weeks start on Monday.
const MONDAY_SHIFT = 3;

/** Index of the local calendar week (Monday first) containing `epochMs` in `timeZone`. */
export function localWeekNumber(epochMs: number, timeZone: string): number {
  return Math.floor((localDayNumber(epochMs, timeZone) + MONDAY_SHIFT) / 7);
}

/**
 * Every contribution of a week decays from the same instant, the start of its local Monday: a
 * shared anchor is what lets the weekly cap apply to the week's sum in any order.
 */
export function weekAnchorMs(week: number, timeZone: string): number {
  return localMidnightMs(week * 7 - MONDAY_SHIFT, timeZone);
}

/** Per-millisecond decay rate for a half-life in days. */
export function decayRate(halfLifeDays: number): number {
  return Math.LN2 / (halfLifeDays * DAY_MS);
}
