import { renderToStaticMarkup } from 'react-dom/server';
import { LongWorkProgressBar } from './long-work-progress';

describe('LongWorkProgressBar', () => {
  it('is a labelled progressbar with its value and the time left as text', () => {
    const html = renderToStaticMarkup(
      <LongWorkProgressBar
        title="Applying ladder version 3"
        progress={{
          version: 3,
          customersDone: 4_200,
          customersTotal: 10_000,
          percentDone: 42,
          startedAt: '2026-12-01T03:00:00.000Z',
          finishedAt: null,
          estimatedFinishAt: '2026-12-01T03:01:40.000Z',
          estimatedSecondsLeft: 12,
        }}
      />,
    );
    const bar = /<div role="progressbar"[^>]*>/.exec(html)?.[0] ?? '';
    expect(bar).toContain('aria-valuenow="42"');
    expect(bar).toContain('aria-valuemin="0"');
    expect(bar).toContain('aria-valuemax="100"');
    expect(bar).toContain('aria-valuetext="4,200 of 10,000 customers, about 12 s left"');
    // The label is the title, by id.
    const labelId = /aria-labelledby="([^"]+)"/.exec(bar)?.[1];
    expect(html).toContain(`<span id="${labelId}" class="long-work-title">Applying ladder version 3</span>`);
    expect(html).toContain('style="width:42%"');
  });
});
