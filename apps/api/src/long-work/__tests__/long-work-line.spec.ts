import { formatDuration, formatLongWorkLine } from '../long-work-line';

const NOW = new Date('2026-12-01T03:00:42Z');
const START = new Date('2026-12-01T03:00:00Z');

describe('formatLongWorkLine', () => {
  it('prints a running job with its estimate', () => {
    const line = formatLongWorkLine(
      'ladder',
      {
        version: 3,
        customersDone: 4_200,
        customersTotal: 10_000,
        startedAt: START,
        finishedAt: null,
        estimatedFinishAt: new Date(NOW.getTime() + 12_000),
      },
      NOW,
    );
    expect(line).toBe('ladder v3: 4,200 / 10,000 (42%) ~12 s left');
  });

  it('prints queued, finished and never-recorded jobs', () => {
    const base = {
      version: 4,
      customersDone: 0,
      customersTotal: 1_500,
      finishedAt: null,
      estimatedFinishAt: null,
    };
    expect(formatLongWorkLine('scores', { ...base, startedAt: null }, NOW)).toBe(
      'scores v4: queued, 1,500 customers',
    );
    expect(formatLongWorkLine('scores', { ...base, startedAt: START }, NOW)).toBe(
      'scores v4: 0 / 1,500 (0%) estimating',
    );
    expect(
      formatLongWorkLine(
        'scores',
        { ...base, customersDone: 1_500, startedAt: START, finishedAt: NOW, estimatedFinishAt: NOW },
        NOW,
      ),
    ).toBe('scores v4: 1,500 / 1,500 (100%) done at 2026-12-01T03:00:42.000Z');
    expect(formatLongWorkLine('ladder', null, NOW)).toBe('ladder: no run recorded');
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0 s'],
    [59.4, '59 s'],
    [90, '2 min'],
    [3_540, '59 min'],
    [3_600, '1 h'],
    [7_500, '2 h 5 min'],
  ])('%p s reads %p', (seconds, text) => expect(formatDuration(seconds)).toBe(text));
});
