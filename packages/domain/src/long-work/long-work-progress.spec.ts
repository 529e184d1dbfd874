import fc from 'fast-check';
import { describeLongWork, estimateFinishAt, percentDone, type LongWorkRun } from './long-work-progress.js';

const START = new Date('2026-12-01T03:00:00Z');
const at = (seconds: number) => new Date(START.getTime() + seconds * 1000);

describe('estimateFinishAt', () => {
  it('extrapolates the rate so far: 4,200 of 10,000 in 42 s leaves 58 s', () => {
    const run = { customersDone: 4_200, customersTotal: 10_000, startedAt: START, finishedAt: null };
    expect(estimateFinishAt(run, at(42))).toEqual(at(100));
  });

  it('has no estimate before the first batch or before any time passed', () => {
    expect(
      estimateFinishAt({ customersDone: 0, customersTotal: 10, startedAt: START, finishedAt: null }, at(5)),
    ).toBeNull();
    expect(
      estimateFinishAt({ customersDone: 5, customersTotal: 10, startedAt: START, finishedAt: null }, START),
    ).toBeNull();
    expect(
      estimateFinishAt({ customersDone: 0, customersTotal: 10, startedAt: null, finishedAt: null }, at(5)),
    ).toBeNull();
  });

  it('is the finish time once finished', () => {
    expect(
      estimateFinishAt(
        { customersDone: 10, customersTotal: 10, startedAt: START, finishedAt: at(9) },
        at(60),
      ),
    ).toEqual(at(9));
  });

  it('is never before now, and later when the rate is lower (property)', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 1_000_000 }),
        fc.integer({ min: 0, max: 1_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        fc.integer({ min: 1, max: 10_000_000 }),
        (done, extra, elapsedMs, moreElapsedMs) => {
          const run = {
            customersDone: done,
            customersTotal: done + extra,
            startedAt: START,
            finishedAt: null,
          };
          const now = new Date(START.getTime() + elapsedMs);
          const estimate = estimateFinishAt(run, now)!;
          expect(estimate.getTime()).toBeGreaterThanOrEqual(now.getTime());
          if (extra === 0) expect(estimate).toEqual(now);
          // The same count reached later (a slower run) finishes no sooner.
          const slower = estimateFinishAt(run, new Date(now.getTime() + moreElapsedMs))!;
          expect(slower.getTime()).toBeGreaterThanOrEqual(estimate.getTime());
        },
      ),
    );
  });
});

describe('describeLongWork', () => {
  const run: LongWorkRun = {
    version: 3,
    customersDone: 500,
    customersTotal: 2_000,
    startedAt: START,
    finishedAt: null,
  };

  it('reports the run of the version asked for, with its estimate', () => {
    expect(
      describeLongWork({ targetVersion: 3, appliedVersion: 2, run, customersNow: null }, at(10)),
    ).toEqual({
      ...run,
      estimatedFinishAt: at(40),
    });
  });

  it('reports a raised version the worker has not started as queued, with the customers there are now', () => {
    expect(
      describeLongWork({ targetVersion: 4, appliedVersion: 2, run, customersNow: 2_100 }, at(10)),
    ).toEqual({
      version: 4,
      customersDone: 0,
      customersTotal: 2_100,
      startedAt: null,
      finishedAt: null,
      estimatedFinishAt: null,
    });
  });

  it('reports nothing when no run of the current version was ever recorded', () => {
    expect(
      describeLongWork({ targetVersion: 2, appliedVersion: 2, run: null, customersNow: null }, at(10)),
    ).toBeNull();
  });
});

describe('percentDone', () => {
  it('is whole percent, 100 only once finished', () => {
    expect(percentDone({ customersDone: 4_200, customersTotal: 10_000, finishedAt: null })).toBe(42);
    expect(percentDone({ customersDone: 10, customersTotal: 10, finishedAt: null })).toBe(99);
    expect(percentDone({ customersDone: 10, customersTotal: 10, finishedAt: START })).toBe(100);
    expect(percentDone({ customersDone: 0, customersTotal: 0, finishedAt: null })).toBe(0);
    expect(percentDone({ customersDone: 0, customersTotal: 0, finishedAt: START })).toBe(100);
  });
});
