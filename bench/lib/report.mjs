// The stdout table of a run.
const fmt = (n, digits = 0) =>
  n === undefined || n === null || Number.isNaN(n)
    ? 'n/a'
    : Number(n).toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const pct = (share) => (Number.isFinite(share) ? `${fmt(share * 100, 1)} %` : 'n/a');
const mib = (bytes) => (Number.isFinite(bytes) ? `${fmt(bytes / 2 ** 20)} MiB` : 'n/a');

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  return rows
    .map((r, j) => {
      const line = r
        .map((c, i) => (i === 0 ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i])))
        .join('  ');
      return j === 0 ? `${line}\n${widths.map((w) => '-'.repeat(w)).join('  ')}` : line;
    })
    .join('\n');
}

export function pipelineRows(p) {
  const m = p.main;
  const rows = [['pipeline', 'value', 'target']];
  rows.push([
    `worker throughput (${fmt(m.events)} ev, ${fmt(m.customers)} cust)`,
    `${fmt(m.worker.eventsPerSecond)} ev/s`,
    '≥ 20,000',
  ]);
  rows.push(['B1 bare kafkajs eachBatch', `${fmt(m.b1?.eventsPerSecond)} ev/s`, '']);
  rows.push(['B2 raw pg unnest upsert', `${fmt(m.b2?.eventsPerSecond)} ev/s`, '']);
  rows.push(['pipeline / B1', fmt(m.ratios?.pipelineOverB1, 3), '']);
  rows.push(['pipeline / B2', fmt(m.ratios?.pipelineOverB2, 3), '≥ 0.5']);
  rows.push(['events per commit', fmt(m.worker.eventsPerCommit, 1), '≥ 100']);
  rows.push([
    'SQL statements per commit (per event)',
    `${fmt(m.worker.sqlPerCommit, 0)} (${fmt(m.worker.sqlPerEvent, 2)})`,
    '≤ 8',
  ]);
  rows.push([
    'worker CPU per event; lock wait per event',
    `${fmt(m.worker.cpuUsPerEvent)} / ${fmt(m.worker.lockWaitUsPerEvent, 1)} µs`,
    '',
  ]);
  const customers = m.worker.tableUpdates?.customers;
  if (customers)
    rows.push([
      'customers row updates per commit, HOT share',
      `${fmt(customers.updates / m.worker.batches, 0)}, ${fmt((100 * customers.hot) / Math.max(1, customers.updates), 1)} %`,
      '',
    ]);
  if (m.worker.tierLocksSkipped !== undefined)
    rows.push([
      'commits without the tier lock',
      `${fmt(m.worker.tierLocksSkipped)} of ${fmt(m.worker.batches)}`,
      '',
    ]);
  if (m.worker.tierLocksNarrowed !== undefined)
    rows.push([
      'locked batches with no exclusive tier lock; restarts',
      `${fmt(m.worker.tierLocksShareOnly)} of ${fmt(m.worker.tierLocksNarrowed)}; ${fmt(m.worker.tierLockRestarts)}`,
      '',
    ]);
  rows.push(['mean batch (handler) time', `${fmt(m.worker.meanBatchMs, 1)} ms`, '']);
  rows.push(['worker peak RSS', mib(m.worker.peakRssBytes), '≤ 150 MiB']);
  for (const l of [].concat(m.latency ?? [])) {
    if (l.tierChangesReceived > 0) {
      rows.push([
        `produce→tier change @${fmt(l.offeredRate)}/s${l.halfOfThroughput ? ' (½ throughput)' : ''} p50 / p95`,
        `${fmt(l.p50Ms)} / ${fmt(l.p95Ms)} ms`,
        '',
      ]);
      rows.push([
        '  p99',
        `${fmt(l.p99Ms)} ms`,
        l.offeredRate === 2000 || l.halfOfThroughput ? '≤ 200 ms' : '',
      ]);
      rows.push([
        '  tier changes received / measured',
        `${fmt(l.tierChangesReceived)} / ${fmt(l.measuredCustomers)}`,
        '',
      ]);
    } else {
      rows.push([
        `produce→tier change @${fmt(l.offeredRate)}/s`,
        'n/a (no tier changes yet)',
        '≤ 200 ms p99',
      ]);
    }
  }
  for (const s of p.scale) {
    rows.push([
      `scale ${fmt(s.customers)} customers${s.history ? ' (with history)' : s.precreated ? ' (pre-created)' : ''}`,
      `${fmt(s.worker.eventsPerSecond)} ev/s (${fmt(s.usPerEvent, 1)} µs/ev)`,
      '',
    ]);
    rows.push([
      '  tier moves per event',
      `${fmt(s.worker.tierMovesPerEvent, 3)}${s.seeded ? ` (domain replay ${fmt(s.seeded.expectedTierMovesPerEvent, 3)})` : ''}`,
      '',
    ]);
    rows.push([
      '  CPU per event; lock wait per event',
      `${fmt(s.worker.cpuUsPerEvent)} / ${fmt(s.worker.lockWaitUsPerEvent, 1)} µs`,
      '',
    ]);
    rows.push(['  database time per commit', `${fmt(s.worker.databaseMsPerCommit, 1)} ms`, '']);
    if (s.seeded) rows.push(['  seeding', `${fmt(s.seeded.seconds, 1)} s`, '< 60 s']);
  }
  const small = p.scale.find((s) => s.customers === 10_000);
  const large = p.scale.find((s) => s.customers === 1_000_000);
  if (small && large) {
    rows.push([
      '1,000,000 ÷ 10,000 customers, events/s',
      fmt(large.worker.eventsPerSecond / small.worker.eventsPerSecond, 2),
      '≥ 0.8',
    ]);
    rows.push([
      '  tier moves per event, 1,000,000 ÷ 10,000',
      fmt(large.worker.tierMovesPerEvent / small.worker.tierMovesPerEvent, 2),
      '1 ± 0.25',
    ]);
  }
  for (const s of p.scaleOut ?? []) {
    rows.push([
      `scale-out ${s.worker.workers} worker${s.worker.workers > 1 ? 's' : ''} (${fmt(s.events)} ev)`,
      `${fmt(s.worker.eventsPerSecond)} ev/s`,
      '',
    ]);
    rows.push([
      '  CPU per event; lock wait per event',
      `${fmt(s.worker.cpuUsPerEvent)} / ${fmt(s.worker.lockWaitUsPerEvent, 1)} µs`,
      'flat in workers',
    ]);
  }
  rows.push([`main run cost per event`, `${fmt(m.usPerEvent, 1)} µs/ev`, '']);
  return rows;
}

export function apiRows(a) {
  const rows = [
    [
      'api case',
      'ours req/s',
      'p50',
      'p99',
      'SQL/req',
      'baseline req/s',
      'p50',
      'p99',
      'SQL/req',
      'ours÷base',
      'target',
    ],
  ];
  for (const c of a.cases) {
    rows.push([
      c.name,
      fmt(c.ours.requestsPerSecond),
      `${fmt(c.ours.p50Ms, 1)} ms`,
      `${fmt(c.ours.p99Ms, 1)} ms`,
      fmt(c.ours.sqlPerRequest, 2),
      fmt(c.baseline.requestsPerSecond),
      `${fmt(c.baseline.p50Ms, 1)} ms`,
      `${fmt(c.baseline.p99Ms, 1)} ms`,
      fmt(c.baseline.sqlPerRequest, 2),
      fmt(c.ratio, 3),
      c.name.startsWith('customers(') ? '≥ 0.7' : '',
    ]);
  }
  return rows;
}

export function printTable(results) {
  const { machine } = results;
  console.log(
    `\nInner Circle benchmarks — ${machine.nproc} × ${machine.cpuModel}, Node ${machine.node}, ${results.startedAt}`,
  );
  if (results.pipeline) console.log(`\n${table(pipelineRows(results.pipeline))}`);
  if (results.api) {
    const { ours, baseline } = results.api;
    if (results.api.cases) console.log(`\n${table(apiRows(results.api))}`);
    console.log(
      `api peak RSS ${mib(ours.peakRssBytes)} (target ≤ 256 MiB; idle ${mib(ours.idleRssBytes)}, under load ${mib(ours.peakRssUnderLoadBytes)})` +
        (baseline ? `, baseline ${mib(baseline.peakRssBytes)}` : ''),
    );
    if (ours.whatIf) {
      const w = ours.whatIf;
      console.log(
        `api simulateTierLadder on ${fmt(w.customers)} customers: ${fmt(w.seconds, 1)} s, RSS peak ${mib(w.peakRssDuringBytes)} ` +
          `during the call (target < 300 MiB; ${mib(w.rssBeforeBytes)} before)`,
      );
    }
  }
  if (results.profile?.length) {
    for (const p of results.profile) {
      console.log(`\nprofile ${p.file} (${fmt(p.totalMs)} ms sampled), top self time:`);
      for (const f of p.topSelf.slice(0, 12)) console.log(`  ${String(f.pct).padStart(5)}%  ${f.name}`);
    }
  }
  if (results.error) console.log(`\nERROR: ${results.error.split('\n')[0]}`);
}
