import type { Clock } from '../clock/clock.js';

/**
 * A clock that only moves when told to: give it to the app (`ClockModule.forRoot(clock)`,
 * the hosts' `clock` option) or to a service, then `advance` or `set` it to reach the next
 * week, the end of a grace period, … without sleeping.
 */
export class ManualClock implements Clock {
  private current: number;

  constructor(start: Date | number) {
    this.current = new Date(start).getTime();
  }

  now(): Date {
    return new Date(this.current);
  }

  set(at: Date | number): void {
    this.current = new Date(at).getTime();
  }

  advance(ms: number): Date {
    this.current += ms;
    return this.now();
  }
}
