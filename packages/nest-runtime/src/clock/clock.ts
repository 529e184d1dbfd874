/**
 * What time it is, for business rules and records (grace ends, quota periods, audit
 * timestamps, "score as of now"). Services get it injected under {@link CLOCK} instead of
 * reading the wall clock, so tests move time by setting a clock (see
 * `@inner-circle/nest-runtime/testing`) rather than by sleeping or passing dates around.
 * Elapsed time (durations, metrics, timeouts) is not "what time it is": use
 * `performance.now()` or timers for that.
 */
export interface Clock {
  now(): Date;
}

/** DI token of the process's {@link Clock}. */
export const CLOCK = Symbol('CLOCK');

/** The wall clock: the one place that reads it for business time. */
export const systemClock: Clock = Object.freeze({ now: () => new Date() });
