import { weekWindows } from '../insights.service';

describe('weekWindows', () => {
  it('gives consecutive Monday-midnight weeks ending with the current one', () => {
    const windows = weekWindows(new Date('2026-03-04T12:00:00Z'), 3, 'UTC'); // a Wednesday
    expect(windows.map((w) => [w.start.toISOString(), w.end.toISOString()])).toEqual([
      ['2026-02-16T00:00:00.000Z', '2026-02-23T00:00:00.000Z'],
      ['2026-02-23T00:00:00.000Z', '2026-03-02T00:00:00.000Z'],
      ['2026-03-02T00:00:00.000Z', '2026-03-09T00:00:00.000Z'],
    ]);
  });

  it('follows the business’s zone across a DST change (a 167-hour week)', () => {
    // Europe/Paris springs forward on Sunday 29 March 2026.
    const windows = weekWindows(new Date('2026-04-01T12:00:00Z'), 2, 'Europe/Paris');
    expect(windows.map((w) => w.start.toISOString())).toEqual([
      '2026-03-22T23:00:00.000Z',
      '2026-03-29T22:00:00.000Z',
    ]);
    expect(windows[0].end.getTime() - windows[0].start.getTime()).toBe(167 * 3_600_000);
  });
});
