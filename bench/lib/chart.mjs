// A dependency-free SVG of one run: pipeline throughput against its baselines (log scale),
// latency percentiles per offered rate, and api req/s against the baseline.
const esc = (s) => String(s).replace(/&/g, '&amp;').replace(/</g, '&lt;');
const fmt = (n) => (Number.isFinite(n) ? Math.round(n).toLocaleString('en-US') : 'n/a');

function bars(title, items, { x, y, width, log = false, unit = '' }) {
  const rowH = 22;
  const labelW = 230;
  const max = Math.max(...items.map((i) => i.value).filter(Number.isFinite), 1);
  const scale = (v) =>
    !Number.isFinite(v) || v <= 0
      ? 0
      : log
        ? (Math.log10(v) / Math.log10(max * 1.2)) * (width - labelW - 90)
        : (v / (max * 1.05)) * (width - labelW - 90);
  let out = `<text x="${x}" y="${y}" font-weight="bold">${esc(title)}${log ? ' (log scale)' : ''}</text>`;
  items.forEach((item, i) => {
    const top = y + 10 + i * rowH;
    const w = scale(item.value);
    out += `<text x="${x}" y="${top + 15}">${esc(item.label)}</text>`;
    out += `<rect x="${x + labelW}" y="${top + 3}" width="${w.toFixed(1)}" height="15" fill="${item.color ?? '#4c78a8'}"/>`;
    out += `<text x="${x + labelW + w + 6}" y="${top + 15}">${fmt(item.value)}${unit}</text>`;
  });
  return { svg: out, height: 20 + items.length * rowH };
}

export function renderChart(results) {
  const width = 760;
  let y = 30;
  let body = '';
  const add = (block) => {
    body += block.svg;
    y += block.height + 25;
  };
  const m = results.pipeline?.main;
  if (m) {
    add(
      bars(
        'Pipeline throughput, events/s',
        [
          { label: 'worker (ours)', value: m.worker.eventsPerSecond, color: '#e45756' },
          { label: 'B1 bare kafkajs consumer', value: m.b1?.eventsPerSecond },
          { label: 'B2 raw pg unnest upsert', value: m.b2?.eventsPerSecond },
          ...results.pipeline.scale.map((s) => ({
            label: `worker, ${s.customers.toLocaleString('en-US')} customers`,
            value: s.worker.eventsPerSecond,
            color: '#f58518',
          })),
        ],
        { x: 20, y, width, log: true },
      ),
    );
    for (const l of [].concat(m.latency ?? [])) {
      if (!(l.tierChangesReceived > 0)) continue;
      add(
        bars(
          `Produce → tier change at ${fmt(l.offeredRate)} events/s, ms`,
          [
            { label: 'p50', value: l.p50Ms, color: '#54a24b' },
            { label: 'p95', value: l.p95Ms, color: '#eeca3b' },
            { label: 'p99', value: l.p99Ms, color: '#e45756' },
          ],
          { x: 20, y, width, unit: ' ms' },
        ),
      );
    }
  }
  if (results.api?.cases) {
    add(
      bars(
        'API req/s (10 connections), ours vs Fastify + Mercurius baseline',
        results.api.cases.flatMap((c) => [
          { label: `${c.key} — ours`, value: c.ours.requestsPerSecond, color: '#e45756' },
          { label: `${c.key} — baseline`, value: c.baseline.requestsPerSecond },
        ]),
        { x: 20, y, width },
      ),
    );
  }
  const m0 = results.machine;
  const footer = `${m0.nproc} × ${m0.cpuModel}, Node ${m0.node}, ${results.startedAt}`;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y + 20}" font-family="sans-serif" font-size="12">
<rect width="100%" height="100%" fill="white"/>${body}
<text x="20" y="${y}" fill="#666">${esc(footer)}</text>
</svg>
`;
}

// `node bench/lib/chart.mjs bench/results/<run>.json` rewrites bench/chart.svg from a saved run.
if (import.meta.url === `file://${process.argv[1]}`) {
  const { readFileSync, writeFileSync } = await import('node:fs');
  const results = JSON.parse(readFileSync(process.argv[2], 'utf8'));
  writeFileSync(new URL('../chart.svg', import.meta.url), renderChart(results));
}
