// Pipeline benchmark: Kafka → worker → PostgreSQL throughput, events per commit, worker RSS,
// produce → tier-change latency, and two baselines run in the same process on the same topic:
//   B1  a bare kafkajs eachBatch consumer with an empty handler (what Kafka + kafkajs can deliver);
//   B2  raw `pg` INSERT … SELECT unnest(...) ON CONFLICT DO UPDATE of the same batches (what PostgreSQL can absorb).
// Run through `npm run bench -- --only pipeline` (see bench/README.md) or `node bench/pipeline.mjs`.
import { readFileSync } from 'node:fs';
import { randomUUID } from 'node:crypto';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import pg from 'pg';
import { CompressionTypes, Partitioners } from 'kafkajs';
import {
  cpuSecondsOf,
  memoryOf,
  parseMetrics,
  percentile,
  startNode,
  sumMetric,
  waitForHttp,
} from './lib/proc.mjs';
import { findFreePort, sleep } from './lib/util.mjs';
import {
  buildTemplates,
  estimateTierMoves,
  generateHistoryInteractions,
  readLadder,
  seedCustomersWithHistory,
} from './lib/history.mjs';

const require = createRequire(import.meta.url);
const { buildInteractionRecordedV1Event, interactionKey, Topics } = require('@inner-circle/contracts');

const WORKER_MAIN = new URL('../apps/worker/dist/main.js', import.meta.url).pathname;
/**
 * The node flags and environment assignments (malloc tuning) of `npm run start:worker`, so the
 * RSS measured is what users run.
 */
const START_WORKER = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).scripts[
  'start:worker'
].split(/\s+/);
const WORKER_NODE_FLAGS = START_WORKER.filter((arg) => arg.startsWith('--'));
const WORKER_START_ENV = Object.fromEntries(
  START_WORKER.filter((arg) => /^[A-Z_][A-Z0-9_]*=/.test(arg)).map((arg) => [
    arg.slice(0, arg.indexOf('=')),
    arg.slice(arg.indexOf('=') + 1),
  ]),
);
const SOURCE = '/bench/pipeline';
const DAY = 86_400_000;

export const pipelineDefaults = {
  events: 200_000,
  customers: 50_000,
  partitions: 6,
  scale: [10_000], // 1,000,000 is opt-in: --scale 10000,1000000
  // 'half' = half of the main run's own measured throughput: a rate that means the same load on a
  // fast or a slow day, unlike a fixed 2,000/s that may sit near one machine's capacity.
  latencyRate: [2_000, 'half'],
  latencySeconds: 20,
  // Workers in one consumer group on the same topic: CPU per event and lock wait per run.
  scaleOut: [1, 2, 3],
  scaleOutEvents: 100_000,
  scaleOutCustomers: 20_000,
  profile: false,
};

/** The 4-tier ladder of every benchmark business; the top tier is capped. A first purchase of 100 (≈4.8 points) enters Bronze. */
export const LADDER = [
  { name: 'Bronze', rank: 1, entry: 3, retain: 2, capacity: null },
  { name: 'Silver', rank: 2, entry: 15, retain: 12, capacity: null },
  { name: 'Gold', rank: 3, entry: 40, retain: 32, capacity: null },
  { name: 'Platinum', rank: 4, entry: 80, retain: 64, capacity: 500 },
];

/** One business with the ladder, by plain SQL (the same rows BusinessRepository/TierRepository write). */
export async function createBusiness(client, name) {
  const {
    rows: [business],
  } = await client.query(
    `INSERT INTO businesses (name, time_zone, ladder_version) VALUES ($1, 'UTC', 1) RETURNING id`,
    [name],
  );
  for (const tier of LADDER) {
    await client.query(
      `INSERT INTO tiers (business_id, name, rank, entry_score, retain_score, capacity, grace_days)
       VALUES ($1, $2, $3, $4, $5, $6, 7)`,
      [business.id, tier.name, tier.rank, tier.entry, tier.retain, tier.capacity],
    );
  }
  return business.id;
}

/**
 * N interactions for M customers: customer k's first event is a purchase that crosses Bronze's
 * entry score; the rest are a mix of purchases, visits and feedback on random customers,
 * spread over the last 20 days in roughly increasing time.
 */
export function generateInteractions({ events, customers, prefix = 'c', seed = 42 }) {
  let state = seed >>> 0;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 4294967296;
  };
  const start = Date.now() - 20 * DAY;
  const step = (20 * DAY - 60_000) / events;
  const list = new Array(events);
  for (let i = 0; i < events; i++) {
    const first = i < customers;
    const k = first ? i : Math.floor(random() * customers);
    const occurredAt = new Date(start + i * step).toISOString();
    const roll = first ? 0 : random();
    let interaction;
    if (roll < 0.4)
      interaction = {
        id: `i${i}`,
        type: 'PURCHASE',
        occurredAt,
        amount: first ? 100 : 5 + Math.floor(random() * 200),
        currency: 'EUR',
      };
    else if (roll < 0.85) interaction = { id: `i${i}`, type: 'VISIT', occurredAt };
    else interaction = { id: `i${i}`, type: 'FEEDBACK', occurredAt, rating: 1 + Math.floor(random() * 5) };
    list[i] = { customerRef: `${prefix}${k + 1}`, interaction };
  }
  return list;
}

function toMessage(businessId, { customerRef, interaction }, now) {
  const payload = { businessId, customerRef, interaction };
  const event = buildInteractionRecordedV1Event(payload, { id: randomUUID(), time: now, source: SOURCE });
  return {
    key: interactionKey(businessId, customerRef),
    value: JSON.stringify(event),
    headers: { 'content-type': 'application/cloudevents+json; charset=UTF-8' },
  };
}

async function produceAll(services, businessId, list, log) {
  const producer = services.kafkaClient('bench-producer').producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  const started = performance.now();
  try {
    const now = new Date();
    const chunk = 5_000;
    const inFlight = [];
    for (let i = 0; i < list.length; i += chunk) {
      const messages = list.slice(i, i + chunk).map((item) => toMessage(businessId, item, now));
      inFlight.push(
        producer.send({ topic: Topics.interactions, messages, acks: 1, compression: CompressionTypes.None }),
      );
      if (inFlight.length >= 4) await inFlight.shift();
    }
    await Promise.all(inFlight);
  } finally {
    await producer.disconnect();
  }
  const seconds = (performance.now() - started) / 1000;
  log(`  produced ${list.length} messages in ${seconds.toFixed(1)} s`);
  return { seconds, eventsPerSecond: list.length / seconds };
}

/** B1: a bare kafkajs eachBatch consumer, empty handler, new group, from the beginning of the same topic. */
async function runBareConsumer(services, expected, log) {
  const consumer = services.kafkaClient('bench-b1').consumer({
    groupId: `bench-b1-${randomUUID()}`,
    allowAutoTopicCreation: false,
  });
  await consumer.connect();
  let seen = 0;
  let firstAt = 0;
  let firstCount = 0;
  let lastAt = 0;
  let batches = 0;
  const done = new Promise((resolve) => {
    void consumer.subscribe({ topics: [Topics.interactions], fromBeginning: true }).then(() =>
      consumer.run({
        eachBatch: async ({ batch }) => {
          const now = performance.now();
          if (!firstAt) {
            firstAt = now;
            firstCount = batch.messages.length;
          }
          batches += 1;
          seen += batch.messages.length;
          lastAt = now;
          if (seen >= expected) resolve();
        },
      }),
    );
  });
  const started = performance.now();
  const timeout = sleep(300_000).then(() => 'timeout');
  const outcome = await Promise.race([done, timeout]);
  await consumer.disconnect();
  if (outcome === 'timeout') throw new Error(`B1 saw only ${seen}/${expected} messages in 300 s`);
  const steadySeconds = (lastAt - firstAt) / 1000;
  const result = {
    events: seen,
    batches,
    wallSeconds: (lastAt - started) / 1000,
    eventsPerSecond: (seen - firstCount) / steadySeconds,
  };
  log(`  B1 bare consumer: ${Math.round(result.eventsPerSecond)} events/s (${batches} fetch batches)`);
  return result;
}

async function scrape(port) {
  const response = await fetch(`http://127.0.0.1:${port}/metrics`);
  return parseMetrics(await response.text());
}

/**
 * Samples pg_stat_activity every LOCK_SAMPLE_MS while the workers run: the sum over samples of the
 * worker sessions waiting on a heavyweight lock × the interval estimates the time they spent
 * queued on locks (row locks on the business's tier rows show up here), without touching the worker.
 */
const LOCK_SAMPLE_MS = 50;
function sampleLockWaits(url) {
  const client = new pg.Client(url);
  let stopped = false;
  let samples = 0;
  let waiting = 0;
  const running = (async () => {
    await client.connect();
    try {
      while (!stopped) {
        const {
          rows: [row],
        } = await client.query(
          `SELECT count(*)::int AS n FROM pg_stat_activity
            WHERE datname = current_database() AND application_name = 'inner-circle-worker'
              AND wait_event_type = 'Lock'`,
        );
        samples += 1;
        waiting += row.n;
        await sleep(LOCK_SAMPLE_MS);
      }
    } finally {
      await client.end();
    }
  })();
  return async () => {
    stopped = true;
    await running.catch(() => undefined);
    return { samples, lockWaitSeconds: (waiting * LOCK_SAMPLE_MS) / 1000 };
  };
}

/**
 * Starts `count` workers (one consumer group) on a freshly produced topic and waits until
 * `expected` interactions are in the table. Returns the running workers (the caller stops them)
 * and the figures: throughput, SQL per commit, and per worker its share of events, CPU per event
 * and memory.
 */
async function runWorkers(services, { url, expected, partitions, profileDir, count = 1, log }) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    await client.query('SELECT pg_stat_statements_reset()');
    await client.query('SELECT pg_stat_reset()');
    const spawnedAt = performance.now();
    const group = `bench-worker-${randomUUID()}`;
    const workers = [];
    for (let i = 0; i < count; i++) {
      const port = await findFreePort();
      const args = [
        ...WORKER_NODE_FLAGS,
        ...(profileDir ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`] : []),
        WORKER_MAIN,
      ];
      const worker = startNode(services, `worker-${i + 1}`, args, {
        ...WORKER_START_ENV,
        DATABASE_URL: url,
        KAFKA_BROKERS: services.kafka.brokers,
        WORKER_PORT: String(port),
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        KAFKA_TOPIC_PARTITIONS: String(partitions),
        KAFKA_CONSUMER_GROUP: group,
      });
      workers.push({ worker, port, peakRssMetric: 0, cpuAtFirstRows: NaN });
    }
    for (const { worker, port } of workers) {
      await waitForHttp(`http://127.0.0.1:${port}/health/live`, worker).catch(() =>
        waitForHttp(`http://127.0.0.1:${port}/health/ready`, worker),
      );
    }
    const stopSampling = sampleLockWaits(url);
    let firstAt = 0;
    let firstCount = 0;
    let rows = 0;
    let lastProgressAt = performance.now();
    while (rows < expected) {
      await sleep(500);
      const now = performance.now();
      const {
        rows: [row],
      } = await client.query('SELECT count(*)::int AS n FROM interactions');
      if (row.n > rows) lastProgressAt = now;
      rows = row.n;
      if (!firstAt && rows > 0) {
        firstAt = now;
        firstCount = rows;
        for (const w of workers) w.cpuAtFirstRows = cpuSecondsOf(w.worker.pid);
      }
      for (const w of workers) {
        try {
          const metrics = await scrape(w.port);
          w.peakRssMetric = Math.max(
            w.peakRssMetric,
            sumMetric(metrics, 'inner_circle_worker_process_resident_memory_bytes'),
          );
        } catch {
          // metrics are best effort while polling
        }
        if (w.worker.child.exitCode !== null) throw new Error(`worker exited:\n${w.worker.output()}`);
      }
      if (now - lastProgressAt > 60_000)
        throw new Error(`workers stalled at ${rows}/${expected}:\n${workers[0].worker.output()}`);
    }
    const doneAt = performance.now();
    const locks = await stopSampling();
    const perWorker = [];
    for (const w of workers) {
      const metrics = await scrape(w.port);
      const memory = memoryOf(w.worker.pid);
      const consumed = sumMetric(metrics, 'inner_circle_events_consumed_total');
      const cpuSeconds = cpuSecondsOf(w.worker.pid) - w.cpuAtFirstRows;
      perWorker.push({
        batches: sumMetric(metrics, 'inner_circle_batch_size_count'),
        consumed,
        batchSeconds: sumMetric(metrics, 'inner_circle_batch_duration_seconds_sum'),
        tierLocksSkipped: sumMetric(metrics, 'inner_circle_tier_locks_skipped_total'),
        tierLocksNarrowed: sumMetric(metrics, 'inner_circle_tier_locks_narrowed_total'),
        tierLocksShareOnly: sumMetric(metrics, 'inner_circle_tier_locks_narrowed_total{exclusive="none"}'),
        tierLockRestarts: sumMetric(metrics, 'inner_circle_tier_lock_restarts_total'),
        cpuSeconds,
        peakRssBytes: Math.max(memory.peakRss || 0, w.peakRssMetric),
        rssBytes: memory.rss,
      });
    }
    const batches = perWorker.reduce((sum, w) => sum + w.batches, 0);
    const consumed = perWorker.reduce((sum, w) => sum + w.consumed, 0);
    const batchSeconds = perWorker.reduce((sum, w) => sum + w.batchSeconds, 0);
    const steadyEvents = rows - firstCount;
    const cpuSeconds = perWorker.reduce((sum, w) => sum + w.cpuSeconds, 0);
    // What the workers sent PostgreSQL (boot and the relay included), per database commit.
    const { rows: statements } = await client.query(
      `SELECT s.calls::bigint AS calls, s.total_exec_time AS ms,
              left(regexp_replace(s.query, '\\s+', ' ', 'g'), 120) AS query
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat_%' AND s.query NOT ILIKE '%count(*)::int AS n FROM interactions%'
        ORDER BY s.calls DESC`,
    );
    const sqlStatements = statements.reduce((sum, row) => sum + Number(row.calls), 0);
    const {
      rows: [moves],
    } = await client.query('SELECT count(*)::int AS n FROM tier_changes');
    // Row updates and how many were HOT (no new index entries). Backends flush these counters
    // about once a second, so the last second may be missing: read the share, not the count.
    const { rows: tableRows } = await client.query(
      `SELECT relname, n_tup_upd::bigint AS updates, n_tup_hot_upd::bigint AS hot
         FROM pg_stat_user_tables WHERE relname IN ('customers', 'tiers', 'outbox') ORDER BY relname`,
    );
    const tableUpdates = Object.fromEntries(
      tableRows.map((row) => [row.relname, { updates: Number(row.updates), hot: Number(row.hot) }]),
    );
    const result = {
      workers: count,
      events: rows,
      wallSeconds: (doneAt - spawnedAt) / 1000,
      // From the first poll that saw rows to the last: boot and group join excluded, ±0.5 s.
      eventsPerSecond: steadyEvents / ((doneAt - firstAt) / 1000),
      eventsPerSecondWall: rows / ((doneAt - spawnedAt) / 1000),
      batches,
      eventsPerCommit: batches ? consumed / batches : NaN,
      meanBatchMs: batches ? (batchSeconds / batches) * 1000 : NaN,
      // CPU the workers used over the same steady window, per event: flat in the number of workers
      // when scaling out costs nothing extra, whatever the machine's core count.
      cpuUsPerEvent: (cpuSeconds / steadyEvents) * 1e6,
      lockWaitSeconds: locks.lockWaitSeconds,
      lockWaitUsPerEvent: (locks.lockWaitSeconds / steadyEvents) * 1e6,
      tierMoves: moves.n,
      tierMovesPerEvent: moves.n / rows,
      sqlStatements,
      sqlPerCommit: batches ? sqlStatements / batches : NaN,
      sqlPerEvent: sqlStatements / rows,
      sqlPerCommitBySource: statementsBySource(statements, batches),
      topStatementsPerCommit: statements.slice(0, 12).map((row) => ({
        perCommit: +(Number(row.calls) / batches).toFixed(1),
        query: row.query,
      })),
      // Server-side execution time only (no parse/bind/network): where PostgreSQL spends its share.
      databaseMsPerCommit: batches ? statements.reduce((sum, row) => sum + row.ms, 0) / batches : NaN,
      topStatementsByTime: [...statements]
        .sort((a, b) => b.ms - a.ms)
        .slice(0, 8)
        .map((row) => ({
          msPerCommit: +(row.ms / batches).toFixed(2),
          calls: Number(row.calls),
          query: row.query,
        })),
      peakRssBytes: Math.max(...perWorker.map((w) => w.peakRssBytes)),
      rssBytes: Math.max(...perWorker.map((w) => w.rssBytes)),
      perWorker: perWorker.map((w) => ({
        eventsShare: consumed ? w.consumed / consumed : NaN,
        cpuUsPerEvent: w.consumed ? (w.cpuSeconds / w.consumed) * 1e6 : NaN,
        peakRssBytes: w.peakRssBytes,
      })),
      tableUpdates,
      // Per business and batch: decisions the domain saw could change no tier, so no tier lock was taken.
      tierLocksSkipped: perWorker.reduce((sum, w) => sum + w.tierLocksSkipped, 0),
      // Round 4: locked batches that took narrow locks, those of them that took no exclusive tier
      // lock at all, and transactions run again (ladder changed under the locks, or a fallback).
      tierLocksNarrowed: perWorker.reduce((sum, w) => sum + w.tierLocksNarrowed, 0),
      tierLocksShareOnly: perWorker.reduce((sum, w) => sum + w.tierLocksShareOnly, 0),
      tierLockRestarts: perWorker.reduce((sum, w) => sum + w.tierLockRestarts, 0),
    };
    log(
      `  ${count === 1 ? 'worker' : `${count} workers`}: ${Math.round(result.eventsPerSecond)} events/s, ` +
        `${result.eventsPerCommit.toFixed(0)} events/commit, ${result.cpuUsPerEvent.toFixed(0)} CPU µs/event, ` +
        `lock wait ${result.lockWaitSeconds.toFixed(1)} s, peak RSS ${(result.peakRssBytes / 2 ** 20).toFixed(0)} MiB`,
    );
    const bySource = result.sqlPerCommitBySource;
    log(
      `  SQL per commit ${result.sqlPerCommit.toFixed(1)}: ingest ${bySource.ingest.toFixed(1)}, relay ${bySource.relay.toFixed(1)} ` +
        `(${bySource.relayPasses.toFixed(2)} passes, ${bySource.relayPolls.toFixed(2)} polls), sweep ${bySource.sweep.toFixed(2)} ` +
        `(${bySource.sweepTicks} ticks), health ${bySource.health.toFixed(2)}, other ${bySource.other.toFixed(2)}`,
    );
    return { workers: workers.map((w) => w.worker), result };
  } finally {
    await client.end();
  }
}

/** pg_stat_statements' calls per statement text of the benchmark database, the bench's own reads left out. */
async function statementCalls(url) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT s.calls::bigint AS calls, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 120) AS query
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = current_database() AND s.query NOT ILIKE '%pg_stat_%'
          AND s.query NOT ILIKE '%count(*)::int AS n FROM%'`,
    );
    return rows.map((row) => ({ calls: Number(row.calls), query: row.query }));
  } finally {
    await client.end();
  }
}

/** The statements of a latency run by source, per ingest commit (small batches: the fixed cost shows). */
function latencyStatementsBySource(before, after) {
  const seen = new Map(before.map((row) => [row.query, row.calls]));
  const diff = after
    .map((row) => ({ query: row.query, calls: row.calls - (seen.get(row.query) ?? 0) }))
    .filter((row) => row.calls > 0);
  const all = statementsBySource(diff, 1);
  const commits = all.ingestTransactions;
  return { ingestCommits: commits, ...statementsBySource(diff, commits) };
}

/**
 * Statements per commit by who sent them, from pg_stat_statements' text (one pool serves them all).
 * The relay's and the sweep's own statements are recognised by their text, and each of their
 * transactions by its first statement (a relay pass claims once; a sweep transaction starts with
 * the sweep's advisory lock or its business list), so their BEGIN/COMMIT are theirs; every other
 * transaction is an ingest batch's. The statements the sweep shares with ingest (the decision's
 * reads and writes when a tick evaluates someone) count as ingest: the sweep figure is a floor.
 */
function statementsBySource(statements, batches) {
  const calls = (pattern) =>
    statements.filter((row) => pattern.test(row.query)).reduce((sum, row) => sum + Number(row.calls), 0);
  const relayPasses = calls(/^UPDATE outbox AS o SET published_at/);
  const relayPolls = calls(/^SELECT EXISTS \(SELECT \$1 FROM outbox/);
  // The tick's business list: in a transaction of its own before round 4, autocommit since.
  const ticksInTransaction = calls(/^SELECT b\.id FROM businesses b WHERE b\.ladder_version/);
  const sweepTicks =
    ticksInTransaction + calls(/^SELECT b\.id, b\.scoring_version > b\.scores_recomputed_version/);
  const sweepTransactions = ticksInTransaction + calls(/pg_try_advisory_xact_lock/);
  const sweepOnly = calls(
    new RegExp(
      [
        'pg_try_advisory_xact_lock',
        '^SELECT b\\.id( FROM businesses b WHERE b\\.ladder_version|, b\\.scoring_version > )',
        '^SELECT scoring_version, scores_recomputed_version',
        '^SELECT ladder_version, evaluated_ladder_version',
        '^UPDATE businesses SET (reevaluation_cursor|score_recompute_cursor|evaluated_ladder_version|scores_recomputed_version)',
        '^SELECT c\\.id FROM unnest\\(\\$2::uuid\\[\\], \\$3::float8\\[\\]\\) AS t\\(tier_id, retain_key\\)',
        '^SELECT c\\.id FROM customers c .{0,60}grace_until',
        '^SELECT id FROM customers WHERE business_id = \\$1 AND erased_at IS NULL AND \\(\\$2::uuid IS NULL',
      ].join('|'),
    ),
  );
  const transactionEnds = calls(/^(COMMIT|ROLLBACK)$/);
  const begins = calls(/^(START TRANSACTION|BEGIN)$/);
  const health = calls(/^SELECT \$1$/);
  const total = statements.reduce((sum, row) => sum + Number(row.calls), 0);
  const relay = relayPasses * 3 + relayPolls;
  const sweep = sweepOnly + sweepTransactions * 2;
  const ingestTransactions = Math.max(0, Math.min(begins, transactionEnds) - relayPasses - sweepTransactions);
  const other = statements
    .filter((row) =>
      /^(SELECT version\(\)|SHOW |SELECT \* FROM current_schema|SELECT .* FROM "?migrations"?)/i.test(
        row.query,
      ),
    )
    .reduce((sum, row) => sum + Number(row.calls), 0);
  const perCommit = (n) => (batches ? n / batches : NaN);
  return {
    ingest: perCommit(total - relay - sweep - health - other),
    ingestTransactions: perCommit(ingestTransactions),
    relay: perCommit(relay),
    relayPasses: perCommit(relayPasses),
    relayPolls: perCommit(relayPolls),
    sweep: perCommit(sweep),
    sweepTicks,
    health: perCommit(health),
    // Boot: TypeORM's version and migration checks.
    other: perCommit(other),
  };
}

/**
 * B2: the same events in the same batch sizes, one transaction per batch over one `pg` client:
 * upsert customers with summed points (INSERT … SELECT unnest … ON CONFLICT DO UPDATE … RETURNING),
 * then insert the interactions (ON CONFLICT DO NOTHING). No validation, no decay: the floor cost.
 */
async function runRawUpsert(url, businessId, list, batchSize, log) {
  const client = new pg.Client(url);
  await client.connect();
  const weights = { PURCHASE: 2, VISIT: 1, FEEDBACK: 4 };
  const started = performance.now();
  let commits = 0;
  try {
    for (let i = 0; i < list.length; i += batchSize) {
      const batch = list.slice(i, i + batchSize);
      const perCustomer = new Map();
      for (const { customerRef, interaction } of batch) {
        const entry = perCustomer.get(customerRef) ?? { points: 0, last: interaction.occurredAt };
        entry.points += weights[interaction.type] ?? 1;
        if (interaction.occurredAt > entry.last) entry.last = interaction.occurredAt;
        perCustomer.set(customerRef, entry);
      }
      const refs = [...perCustomer.keys()];
      await client.query('BEGIN');
      const { rows } = await client.query(
        `INSERT INTO customers AS c (business_id, external_ref, score, last_interaction_at)
         SELECT $1, * FROM unnest($2::text[], $3::float8[], $4::timestamptz[])
         ON CONFLICT (business_id, external_ref) DO UPDATE
            SET score = c.score + excluded.score,
                last_interaction_at = GREATEST(c.last_interaction_at, excluded.last_interaction_at),
                updated_at = now()
         RETURNING id, external_ref`,
        [
          businessId,
          refs,
          refs.map((r) => perCustomer.get(r).points),
          refs.map((r) => perCustomer.get(r).last),
        ],
      );
      const idByRef = new Map(rows.map((row) => [row.external_ref, row.id]));
      await client.query(
        `INSERT INTO interactions (business_id, id, customer_id, type, occurred_at, amount, currency, rating)
         SELECT $1, * FROM unnest($2::text[], $3::uuid[], $4::text[], $5::timestamptz[], $6::numeric[], $7::text[], $8::smallint[])
         ON CONFLICT (business_id, id) DO NOTHING`,
        [
          businessId,
          batch.map((e) => e.interaction.id),
          batch.map((e) => idByRef.get(e.customerRef)),
          batch.map((e) => e.interaction.type),
          batch.map((e) => e.interaction.occurredAt),
          batch.map((e) => e.interaction.amount ?? null),
          batch.map((e) => e.interaction.currency ?? null),
          batch.map((e) => e.interaction.rating ?? null),
        ],
      );
      await client.query('COMMIT');
      commits += 1;
    }
  } finally {
    await client.end();
  }
  const seconds = (performance.now() - started) / 1000;
  const result = { events: list.length, batchSize, commits, seconds, eventsPerSecond: list.length / seconds };
  log(`  B2 raw pg upsert: ${Math.round(result.eventsPerSecond)} events/s (batches of ${batchSize})`);
  return result;
}

/**
 * Latency at a fixed offered rate: every other event is a new customer's first purchase (it
 * crosses Bronze's entry score, so the worker must emit a tier change through the outbox);
 * the others are visits of customers already seen. Measured: produce call → the
 * `com.innercircle.tier.changed.v1` event for that customer consumed from loyalty.tier-changes.v1.
 */
let latencyRuns = 0;

async function runLatency(services, { url, businessId, rate, seconds, log }) {
  // Fresh customers and ids per run: a repeat would be deduped or already be in Bronze.
  const tag = `${rate}r${++latencyRuns}`;
  const client = new pg.Client(url);
  await client.connect();
  try {
    // Let the relay publish the backlog of the throughput run first, so it is not counted here.
    const deadline = Date.now() + 120_000;
    let pending = 0;
    while (Date.now() < deadline) {
      pending = (await client.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL'))
        .rows[0].n;
      if (pending === 0) break;
      await sleep(500);
    }
    if (pending) log(`  outbox backlog not drained before the latency run (${pending} unpublished)`);
  } finally {
    await client.end();
  }

  const sentAt = new Map();
  const latencies = [];
  let otherEvents = 0;
  const consumer = services.kafkaClient('bench-latency').consumer({
    groupId: `bench-latency-${randomUUID()}`,
    allowAutoTopicCreation: false,
    maxWaitTimeInMs: 50,
  });
  const joined = new Promise((resolve) => consumer.on(consumer.events.GROUP_JOIN, resolve));
  await consumer.connect();
  await consumer.subscribe({ topics: [Topics.tierChanges], fromBeginning: false });
  await consumer.run({
    eachMessage: async ({ message }) => {
      const now = performance.now();
      let event;
      try {
        event = JSON.parse(message.value.toString());
      } catch {
        return;
      }
      if (event.type !== 'com.innercircle.tier.changed.v1' || event.data?.businessId !== businessId) {
        otherEvents += 1;
        return;
      }
      const started = sentAt.get(event.data.customerRef);
      if (started !== undefined) {
        latencies.push(now - started);
        sentAt.delete(event.data.customerRef);
      }
    },
  });
  await Promise.race([joined, sleep(30_000)]);
  await sleep(1_500); // the new group's offsets resolve to "latest" on its first fetch

  const producer = services.kafkaClient('bench-latency-producer').producer({
    createPartitioner: Partitioners.DefaultPartitioner,
    allowAutoTopicCreation: false,
  });
  await producer.connect();
  const statementsBefore = await statementCalls(url);
  const total = Math.round(rate * seconds);
  let sent = 0;
  let firstEvents = 0;
  const inFlight = new Set();
  const started = performance.now();
  const occurredAt = () => new Date().toISOString();
  try {
    while (sent < total) {
      const due = Math.min(total, Math.floor(((performance.now() - started) / 1000) * rate));
      const messages = [];
      const refs = [];
      for (; sent < due; sent++) {
        let item;
        if (sent % 2 === 0) {
          const ref = `lat${tag}-${firstEvents++}`;
          refs.push(ref);
          item = {
            customerRef: ref,
            interaction: {
              id: `lat${tag}-${sent}`,
              type: 'PURCHASE',
              occurredAt: occurredAt(),
              amount: 100,
              currency: 'EUR',
            },
          };
        } else {
          const ref = `lat${tag}-${Math.floor(Math.random() * Math.max(1, firstEvents))}`;
          item = {
            customerRef: ref,
            interaction: { id: `lat${tag}-${sent}`, type: 'VISIT', occurredAt: occurredAt() },
          };
        }
        messages.push(toMessage(businessId, item, new Date()));
      }
      if (messages.length) {
        const at = performance.now();
        for (const ref of refs) sentAt.set(ref, at);
        const promise = producer.send({ topic: Topics.interactions, messages, acks: 1 });
        inFlight.add(promise);
        void promise.finally(() => inFlight.delete(promise));
      }
      await sleep(5);
    }
    await Promise.all(inFlight);
    const offeredSeconds = (performance.now() - started) / 1000;
    // Stragglers: wait until every measured customer's change arrived, or 20 s of silence.
    let lastCount = -1;
    let quietSince = performance.now();
    while (sentAt.size > 0 && performance.now() - quietSince < 20_000) {
      await sleep(250);
      if (latencies.length !== lastCount) {
        lastCount = latencies.length;
        quietSince = performance.now();
      }
    }
    latencies.sort((a, b) => a - b);
    const statements = latencyStatementsBySource(statementsBefore, await statementCalls(url));
    const result = {
      offeredRate: rate,
      offeredSeconds,
      eventsProduced: sent,
      measuredCustomers: firstEvents,
      tierChangesReceived: latencies.length,
      missing: sentAt.size,
      otherEventsOnTopic: otherEvents,
      p50Ms: percentile(latencies, 50),
      p95Ms: percentile(latencies, 95),
      p99Ms: percentile(latencies, 99),
      maxMs: latencies.at(-1) ?? NaN,
    };
    result.sqlPerCommitBySource = statements;
    if (!latencies.length) result.note = 'n/a (no tier changes yet)';
    log(
      latencies.length
        ? `  latency @${rate}/s: p50 ${result.p50Ms.toFixed(0)} ms, p95 ${result.p95Ms.toFixed(0)} ms, p99 ${result.p99Ms.toFixed(0)} ms (${latencies.length}/${firstEvents} tier changes)`
        : `  latency: n/a (no tier changes yet on ${Topics.tierChanges})`,
    );
    log(
      `    ${statements.ingestCommits} ingest commits, per commit: ingest ${statements.ingest.toFixed(1)}, relay ${statements.relay.toFixed(1)} ` +
        `(${statements.relayPasses.toFixed(2)} passes, ${statements.relayPolls.toFixed(2)} polls), sweep ${statements.sweep.toFixed(2)}`,
    );
    return result;
  } finally {
    await producer.disconnect().catch(() => undefined);
    await consumer.disconnect().catch(() => undefined);
  }
}

async function seedCustomers(url, businessId, count) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const started = performance.now();
    await client.query(
      `INSERT INTO customers (business_id, external_ref) SELECT $1, 'c' || g FROM generate_series(1, $2::int) g`,
      [businessId, count],
    );
    await client.query('ANALYZE customers');
    return (performance.now() - started) / 1000;
  } finally {
    await client.end();
  }
}

/**
 * The million run's customers with history and the events that meet them (bench/lib/history.mjs):
 * templates folded by the domain, seeded in bulk, events ∝ each customer's past activity plus 5 %
 * newcomers. Also replays the events through the domain for the tier moves per event to expect.
 */
async function prepareHistoryWorkload(url, businessId, { customers, events, log }) {
  const client = new pg.Client(url);
  await client.connect();
  let ladder;
  try {
    ladder = await readLadder(client, businessId);
  } finally {
    await client.end();
  }
  const now = new Date();
  const templates = buildTemplates(ladder, now);
  const seed = await seedCustomersWithHistory(url, businessId, customers, templates);
  log(
    `  seeded ${customers} customers with history from ${seed.templates} templates in ${seed.seconds.toFixed(1)} s ` +
      `(${seed.placement.map((t) => `${t.name} ${t.members}${t.waitlisted ? ` + ${t.waitlisted} waiting` : ''}`).join(', ')}; ` +
      `table ${(seed.tableBytes / 2 ** 20).toFixed(0)} MiB + indexes ${(seed.indexBytes / 2 ** 20).toFixed(0)} MiB, shared_buffers ${seed.sharedBuffers})`,
  );
  const list = generateHistoryInteractions({ events, customers, templates });
  const expected = estimateTierMoves(list, templates, ladder, now);
  log(`  expected tier moves per event (domain replay): ${expected.movesPerEvent.toFixed(3)}`);
  return {
    list,
    seed: {
      ...seed,
      distinctCustomers: new Set(list.map((e) => e.customerRef)).size,
      expectedTierMovesPerEvent: expected.movesPerEvent,
    },
  };
}

/** One throughput scenario; with `full`, also B1, B2 and latency on the same topic and business. */
async function runScenario(
  services,
  opts,
  { name, customers, events = opts.events, workers = 1, full, precreate, history = false, log },
) {
  log(
    `pipeline scenario ${name}: ${events} events, ${customers} customers` +
      `${history ? ' (with history)' : precreate ? ' (pre-created)' : ''}` +
      `${workers > 1 ? `, ${workers} workers` : ''}`,
  );
  await services.resetTopics(
    [Topics.interactions, Topics.tierChanges, Topics.interactionsDeadLetter],
    opts.partitions,
  );
  const url = await services.createDatabase(`bench_${name}`);
  const setup = new pg.Client(url);
  await setup.connect();
  const businessId = await createBusiness(setup, `Bench ${name}`);
  await setup.end();
  let seedSeconds = 0;
  let list;
  let seeded;
  if (history) {
    ({ list, seed: seeded } = await prepareHistoryWorkload(url, businessId, { customers, events, log }));
    seedSeconds = seeded.seconds;
  } else {
    if (precreate) seedSeconds = await seedCustomers(url, businessId, customers);
    list = generateInteractions({ events, customers });
  }
  const produce = await produceAll(services, businessId, list, log);
  const scenario = {
    name,
    events,
    customers,
    partitions: opts.partitions,
    precreated: precreate,
    history,
    seedSeconds,
    ...(seeded ? { seeded } : {}),
    produce,
  };
  if (full) scenario.b1 = await runBareConsumer(services, events, log);

  const { workers: running, result } = await runWorkers(services, {
    url,
    expected: events,
    partitions: opts.partitions,
    profileDir: opts.profile && full ? opts.profileDir : undefined,
    count: workers,
    log,
  });
  scenario.worker = result;
  try {
    if (full) {
      // One run per offered rate: above the worker's capacity the figure is mostly queueing.
      scenario.latency = [];
      for (const offered of [].concat(opts.latencyRate)) {
        const rate = offered === 'half' ? Math.round(result.eventsPerSecond / 2) : Number(offered);
        const latency = await runLatency(services, {
          url,
          businessId,
          rate,
          seconds: opts.latencySeconds,
          log,
        });
        scenario.latency.push({ ...latency, halfOfThroughput: offered === 'half' });
      }
    }
  } finally {
    scenario.worker.afterLatency = memoryOf(running[0].pid);
    for (const worker of running) await worker.stop();
  }

  if (full) {
    const b2Url = await services.createDatabase(`bench_${name}_b2`);
    const b2Client = new pg.Client(b2Url);
    await b2Client.connect();
    const b2Business = await createBusiness(b2Client, `Bench ${name} B2`);
    await b2Client.end();
    const batchSize = Math.max(1, Math.round(result.eventsPerCommit || 500));
    scenario.b2 = await runRawUpsert(b2Url, b2Business, list, batchSize, log);
    scenario.ratios = {
      pipelineOverB1: result.eventsPerSecond / scenario.b1.eventsPerSecond,
      pipelineOverB2: result.eventsPerSecond / scenario.b2.eventsPerSecond,
    };
  }
  scenario.usPerEvent = 1e6 / result.eventsPerSecond;
  return scenario;
}

export async function runPipeline(services, options, log = console.error) {
  const opts = { ...pipelineDefaults, ...options };
  const main = await runScenario(services, opts, {
    name: 'main',
    customers: opts.customers,
    full: true,
    precreate: false,
    log,
  });
  const scale = [];
  for (const customers of opts.scale) {
    scale.push(
      await runScenario(services, opts, {
        name: `scale_${customers}`,
        customers,
        full: false,
        // A million customers are seeded up front with history (bench/lib/history.mjs) and meet events
        // with the 10,000 run's share of tier moves; smaller sets are created by the worker.
        precreate: customers >= 1_000_000,
        history: customers >= 1_000_000,
        log,
      }),
    );
  }
  const scaleOut = [];
  for (const workers of opts.scaleOut) {
    scaleOut.push(
      await runScenario(services, opts, {
        name: `scale_out_${workers}`,
        customers: opts.scaleOutCustomers,
        events: opts.scaleOutEvents,
        workers,
        full: false,
        precreate: false,
        log,
      }),
    );
  }
  return { options: opts, main, scale, scaleOut };
}
