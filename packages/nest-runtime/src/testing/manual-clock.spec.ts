import { systemClock } from '../clock/clock.js';
import { ManualClock } from './manual-clock.js';

describe('ManualClock', () => {
  it('stands still until set or advanced', () => {
    const clock = new ManualClock(new Date('2026-11-25T12:00:00Z'));
    expect(clock.now().toISOString()).toBe('2026-11-25T12:00:00.000Z');
    expect(clock.now().toISOString()).toBe('2026-11-25T12:00:00.000Z');
    expect(clock.advance(7 * 86_400_000).toISOString()).toBe('2026-12-02T12:00:00.000Z');
    clock.set(new Date('2027-01-01T00:00:00Z'));
    expect(clock.now().toISOString()).toBe('2027-01-01T00:00:00.000Z');
  });

  it('hands out copies: a caller mutating its Date does not move the clock', () => {
    const clock = new ManualClock(0);
    clock.now().setTime(1_000);
    expect(clock.now().getTime()).toBe(0);
  });

  it('the system clock reads the wall clock', () => {
    const before = Date.now();
    const at = systemClock.now().getTime();
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });
});
