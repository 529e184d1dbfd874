import { describeLongWorkProgress, formatTimeLeft, isUnfinished } from './long-work-progress.logic';

const base = {
  version: 3,
  customersDone: 4_200,
  customersTotal: 10_000,
  percentDone: 42,
  startedAt: '2026-12-01T03:00:00.000Z',
  finishedAt: null,
  estimatedFinishAt: '2026-12-01T03:01:40.000Z',
  estimatedSecondsLeft: 12,
};

describe('describeLongWorkProgress', () => {
  it('shows a running job with its count and the time left the server estimated', () => {
    expect(describeLongWorkProgress(base)).toEqual({
      state: 'running',
      percent: 42,
      text: '4,200 of 10,000 customers, about 12 s left',
    });
  });

  it('shows queued work at 0 and finished work at 100', () => {
    expect(
      describeLongWorkProgress({
        ...base,
        customersDone: 0,
        percentDone: 0,
        startedAt: null,
        estimatedFinishAt: null,
        estimatedSecondsLeft: null,
      }),
    ).toEqual({ state: 'queued', percent: 0, text: 'Waiting for the worker to start (10,000 customers)' });
    expect(
      describeLongWorkProgress({
        ...base,
        customersDone: 10_000,
        percentDone: 100,
        finishedAt: '2026-12-01T03:01:39.000Z',
        estimatedSecondsLeft: 0,
      }),
    ).toEqual({ state: 'finished', percent: 100, text: 'Done: 10,000 customers' });
  });

  it('polls only unfinished work', () => {
    expect(isUnfinished(base)).toBe(true);
    expect(isUnfinished({ ...base, finishedAt: '2026-12-01T03:01:39.000Z' })).toBe(false);
    expect(isUnfinished(null)).toBe(false);
  });
});

describe('formatTimeLeft', () => {
  it.each([
    [null, 'estimating the time left'],
    [0, 'almost done'],
    [12, 'about 12 s left'],
    [90, 'about 2 min left'],
    [7_500, 'about 2 h 5 min left'],
  ])('%p s reads %p', (seconds, text) => expect(formatTimeLeft(seconds)).toBe(text));
});
