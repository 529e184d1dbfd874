import { DAY_MS, localMidnightMs } from '../time/time-zone.js';

/** Per-millisecond decay rate for a half-life in days. */
export function decayRate(halfLifeDays: number): number {
  return Math.LN2 / (halfLifeDays * DAY_MS);
}

/**
 * Every contribution of a (day, type) bucket decays from the same instant, the day's local
 * midnight; a shared anchor is what lets the cap apply to the bucket sum, in any order.
 */
export function bucketAnchorMs(day: number, timeZone: string): number {
  return localMidnightMs(day, timeZone);
}
