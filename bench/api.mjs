// API benchmark: autocannon against our api (Nest + Apollo on Fastify, TypeORM pool) and against a
// minimal Fastify + Mercurius (graphql-jit) baseline with the same schema subset and the same SQL.
// SQL statements per request come from pg_stat_statements (sum of `calls` in the benchmark
// database between a reset after warm-up and the end of the measured run, divided by the
// requests autocannon completed); transactions per request from pg_stat_database.xact_commit.
import { execFile } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { promisify } from 'node:util';
import autocannon from 'autocannon';
import pg from 'pg';
import { Topics } from '@inner-circle/contracts';
import { LADDER } from './pipeline.mjs';
import { memoryOf, startNode, waitForHttp } from './lib/proc.mjs';
import { findFreePort, sleep } from './lib/util.mjs';

const require = createRequire(import.meta.url);
const { applyInteraction, initialScoreState, resolveScoringSettings } = require('@inner-circle/domain');

const API_MAIN = new URL('../apps/api/dist/main.js', import.meta.url).pathname;
const API_CLI = new URL('../apps/api/dist/cli.js', import.meta.url).pathname;
const BASELINE_MAIN = new URL('./baseline-server.mjs', import.meta.url).pathname;
const DAY = 86_400_000;

export const apiDefaults = {
  connections: 10,
  duration: 10,
  warmup: 3,
  customers: 10_000,
  whatifCustomers: 1_000_000,
  cases: true,
};

/**
 * The what-if's proposal: Silver harder to keep (~12,000 down to Bronze), Gold easier to enter
 * (~25,000 up from Silver), Platinum twice as large (500 admitted from its queue), no grace.
 */
const WHATIF_LADDER = LADDER.map((tier) => ({
  ...tier,
  grace: 0,
  ...(tier.name === 'Silver' ? { entry: 20, retain: 16 } : {}),
  ...(tier.name === 'Gold' ? { entry: 35, retain: 28 } : {}),
  ...(tier.name === 'Platinum' ? { capacity: 1000 } : {}),
}));

export const CASES = [
  {
    name: 'customer(id) { score tier { name } }',
    key: 'customer',
    body: (ctx) => ({
      query: 'query($id: ID!) { customer(id: $id) { id score tier { name } } }',
      variables: { id: ctx.customerIds[Math.floor(Math.random() * ctx.customerIds.length)] },
    }),
    check: (data) => typeof data?.customer?.score === 'number',
  },
  {
    name: 'customers(first: 50, SCORE DESC) with tiers',
    key: 'customersPage',
    body: () => ({
      query:
        '{ customers(first: 50, sort: { field: SCORE, direction: DESC }) { edges { node { id score tier { name } } } } }',
    }),
    check: (data) => data?.customers?.edges?.length === 50,
  },
  {
    name: 'recordInteraction',
    key: 'recordInteraction',
    body: (ctx) => {
      const n = ctx.sequence++;
      return {
        query: 'mutation($input: InteractionInput!) { recordInteraction(input: $input) { id } }',
        variables: {
          input: {
            id: `api-${ctx.run}-${n}`,
            customerExternalRef: `c${1 + (n % ctx.customerIds.length)}`,
            type: 'PURCHASE',
            amount: 42,
            currency: 'EUR',
          },
        },
      };
    },
    check: (data) => typeof data?.recordInteraction?.id === 'string',
  },
];

export async function createKey(url, name = 'Bench API') {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [API_CLI, 'business:create', '--name', name],
    {
      env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: 'warn' },
      timeout: 60_000,
    },
  );
  const key = /ic_[A-Za-z0-9]{16}_[A-Za-z0-9_-]{43}/.exec(stdout)?.[0];
  if (!key) throw new Error(`business:create printed no key:\n${stdout}`);
  return key;
}

/** Ladder + customers with real score states (built by the domain's own rule) and tiers. */
export async function seed(url, customers) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const {
      rows: [{ business_id: businessId }],
    } = await client.query('SELECT business_id FROM api_keys LIMIT 1');
    await client.query('UPDATE businesses SET ladder_version = ladder_version + 1 WHERE id = $1', [
      businessId,
    ]);
    await client.query('DELETE FROM tiers WHERE business_id = $1', [businessId]);
    const tierIds = [];
    for (const tier of LADDER) {
      const { rows } = await client.query(
        `INSERT INTO tiers (business_id, name, rank, entry_score, retain_score, capacity, grace_days)
         VALUES ($1, $2, $3, $4, $5, $6, 7) RETURNING id`,
        [businessId, tier.name, tier.rank, tier.entry, tier.retain, tier.capacity],
      );
      tierIds.push(rows[0].id);
    }
    const settings = resolveScoringSettings(null, 'UTC');
    const now = Date.now();
    const refs = [];
    const scores = [];
    const asOfs = [];
    const states = [];
    const tiers = [];
    for (let i = 0; i < customers; i++) {
      let state = initialScoreState();
      const count = 1 + (i % 12);
      for (let j = 0; j < count; j++) {
        state = applyInteraction(
          state,
          {
            id: `s${i}-${j}`,
            type: j % 3 === 0 ? 'PURCHASE' : 'VISIT',
            amount: 20 + ((i * 7 + j) % 300),
            currency: 'EUR',
            occurredAt: new Date(now - (count - j) * 2 * DAY),
          },
          settings,
        );
      }
      let tier = null;
      LADDER.forEach((t, index) => {
        if (state.points >= t.entry && (t.capacity === null || i < t.capacity)) tier = tierIds[index];
      });
      refs.push(`c${i + 1}`);
      scores.push(state.points);
      asOfs.push(new Date(state.asOf));
      states.push(JSON.stringify(state));
      tiers.push(tier);
    }
    const { rows } = await client.query(
      `INSERT INTO customers (business_id, external_ref, score, score_as_of, score_state, tier_id, tier_since, last_interaction_at)
       SELECT $1, ref, score, as_of, state, tier, CASE WHEN tier IS NULL THEN NULL ELSE as_of END, as_of
         FROM unnest($2::text[], $3::float8[], $4::timestamptz[], $5::jsonb[], $6::uuid[]) AS v(ref, score, as_of, state, tier)
       RETURNING id`,
      [businessId, refs, scores, asOfs, states, tiers],
    );
    await client.query(
      `UPDATE tiers t SET member_count = (SELECT count(*) FROM customers c WHERE c.tier_id = t.id) WHERE t.business_id = $1`,
      [businessId],
    );
    await client.query('ANALYZE');
    return { businessId, customerIds: rows.map((r) => r.id) };
  } finally {
    await client.end();
  }
}

/**
 * A business of `count` customers for the what-if, pre-created with one INSERT … SELECT
 * generate_series: scores spread log-uniformly over 0.5–90 points (score_key as the domain computes
 * it, a score state of the current model), each in the tier its score reaches; Platinum (500
 * seats) holds the 500 best, the other ~2 % who qualify for it wait for it as Gold members.
 */
export async function seedWhatIf(url, count) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const started = performance.now();
    const {
      rows: [{ id: businessId }],
    } = await client.query(`SELECT id FROM businesses WHERE name = 'Bench what-if'`);
    await client.query('UPDATE businesses SET ladder_version = ladder_version + 1 WHERE id = $1', [
      businessId,
    ]);
    const tierIds = {};
    for (const tier of LADDER) {
      const { rows } = await client.query(
        `INSERT INTO tiers (business_id, name, rank, entry_score, retain_score, capacity, grace_days)
         VALUES ($1, $2, $3, $4, $5, $6, 7) RETURNING id`,
        [businessId, tier.name, tier.rank, tier.entry, tier.retain, tier.capacity],
      );
      tierIds[tier.name] = rows[0].id;
    }
    const settings = resolveScoringSettings(null, 'UTC');
    const now = Date.now();
    let state = initialScoreState();
    for (let j = 0; j < 6; j++)
      state = applyInteraction(
        state,
        {
          id: `w${j}`,
          type: j % 3 === 0 ? 'PURCHASE' : 'VISIT',
          amount: 20 + j * 31,
          currency: 'EUR',
          occurredAt: new Date(now - (6 - j) * 3 * DAY),
        },
        settings,
      );
    const keyOffset = now / (settings.halfLifeDays * DAY);
    await client.query(
      `INSERT INTO customers (business_id, external_ref, score, score_as_of, score_key, score_state,
                              tier_id, tier_since, waitlisted_for_tier_id, qualified_at, last_interaction_at)
       SELECT $1, 'w' || g, s.score, $2, log(2, s.score::numeric)::float8 + $3, jsonb_set($4::jsonb, '{points}', to_jsonb(s.score)),
              CASE WHEN s.score >= 40 THEN $5::uuid WHEN s.score >= 15 THEN $6::uuid WHEN s.score >= 3 THEN $7::uuid END,
              CASE WHEN s.score >= 3 THEN $2::timestamptz - interval '30 days' END,
              CASE WHEN s.score >= 80 THEN $8::uuid END,
              CASE WHEN s.score >= 80 THEN $2::timestamptz - (g % 1000) * interval '1 minute' END,
              $2
         FROM generate_series(1, $9::int) g,
              LATERAL (SELECT round((2 ^ (((g::bigint * 2654435761) % 1000003) / 1000003.0 * 7.5 - 1))::numeric, 4)::float8 AS score) s`,
      [
        businessId,
        new Date(now),
        keyOffset,
        JSON.stringify(state),
        tierIds.Gold,
        tierIds.Silver,
        tierIds.Bronze,
        tierIds.Platinum,
        count,
      ],
    );
    await client.query(
      `UPDATE customers SET tier_id = $2, waitlisted_for_tier_id = NULL, qualified_at = NULL
        WHERE id IN (SELECT id FROM customers WHERE business_id = $1 AND waitlisted_for_tier_id = $2
                      ORDER BY score_key DESC, qualified_at, id LIMIT 500)`,
      [businessId, tierIds.Platinum],
    );
    await client.query(
      `UPDATE tiers t SET member_count = (SELECT count(*) FROM customers c WHERE c.tier_id = t.id) WHERE t.business_id = $1`,
      [businessId],
    );
    await client.query('ANALYZE customers');
    const { rows: counts } = await client.query(
      `SELECT t.name, t.member_count AS members,
              (SELECT count(*) FROM customers c WHERE c.waitlisted_for_tier_id = t.id)::int AS waitlisted
         FROM tiers t WHERE t.business_id = $1 ORDER BY t.rank`,
      [businessId],
    );
    return { businessId, tierIds, counts, seedSeconds: (performance.now() - started) / 1000 };
  } finally {
    await client.end();
  }
}

/** Peak RSS (VmHWM) back to the current RSS, so the next peak is that of what follows (Linux ≥ 4.0). */
function resetPeakRss(pid) {
  try {
    writeFileSync(`/proc/${pid}/clear_refs`, '5');
    return true;
  } catch {
    return false;
  }
}

export async function runWhatIf(port, pid, key, seeded, log) {
  const input = {
    timeZone: 'UTC',
    tiers: WHATIF_LADDER.map((tier) => ({
      id: seeded.tierIds[tier.name],
      name: tier.name,
      rank: tier.rank,
      entryScore: tier.entry,
      retainScore: tier.retain,
      capacity: tier.capacity,
      graceDays: tier.grace,
    })),
  };
  const before = memoryOf(pid);
  const reset = resetPeakRss(pid);
  const started = performance.now();
  const response = await graphql(port, key, {
    query: `query($input: SetTierLadderInput!) { simulateTierLadder(input: $input) {
      movements { fromTier { name } toTier { name } count }
      tiers { name members capacity waitlisted }
      downgradedCount upgradedCount unchangedCount lockedCount } }`,
    variables: { input },
  });
  const seconds = (performance.now() - started) / 1000;
  const after = memoryOf(pid);
  if (response.status !== 200 || response.json?.errors || !response.json?.data?.simulateTierLadder)
    throw new Error(`simulateTierLadder: ${response.status} ${JSON.stringify(response.json).slice(0, 500)}`);
  const simulation = response.json.data.simulateTierLadder;
  const out = {
    customers: seeded.customers,
    seeded: seeded.counts,
    seedSeconds: seeded.seedSeconds,
    seconds,
    rssBeforeBytes: before.rss,
    peakRssBeforeBytes: before.peakRss,
    // With the peak reset just before the call, VmHWM is the call's own peak.
    peakRssDuringBytes: reset ? after.peakRss : NaN,
    rssAfterBytes: after.rss,
    simulation,
  };
  log(
    `  ours simulateTierLadder on ${seeded.customers.toLocaleString('en')} customers: ${seconds.toFixed(1)} s, ` +
      `RSS ${mib(before.rss)} before, peak ${mib(out.peakRssDuringBytes)} during, ${mib(after.rss)} after; ` +
      `${simulation.downgradedCount} down, ${simulation.upgradedCount} up, ${simulation.unchangedCount} unchanged`,
  );
  return out;
}

const mib = (bytes) => `${Math.round(bytes / 2 ** 20)} MiB`;

export async function graphql(port, key, body) {
  const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
    body: JSON.stringify(body),
  });
  return { status: response.status, json: await response.json().catch(() => null) };
}

export function cannon(port, key, ctx, testCase, duration, connections) {
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: `http://127.0.0.1:${port}/graphql`,
        method: 'POST',
        connections,
        duration,
        headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
        requests: [{ setupRequest: (request) => ({ ...request, body: JSON.stringify(testCase.body(ctx)) }) }],
      },
      (error, result) => (error ? reject(error) : resolve(result)),
    );
    instance.on('error', reject);
  });
}

async function sqlCounters(client, database) {
  const {
    rows: [statements],
  } = await client.query(
    `SELECT coalesce(sum(s.calls), 0)::bigint AS calls FROM pg_stat_statements s
       JOIN pg_database d ON d.oid = s.dbid
      WHERE d.datname = $1 AND s.query NOT ILIKE '%pg_stat_%'`,
    [database],
  );
  const {
    rows: [database_],
  } = await client.query('SELECT xact_commit, xact_rollback FROM pg_stat_database WHERE datname = $1', [
    database,
  ]);
  return {
    calls: Number(statements.calls),
    xacts: Number(database_.xact_commit) + Number(database_.xact_rollback),
  };
}

async function topStatements(client, database, requests) {
  const { rows } = await client.query(
    `SELECT s.calls, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 140) AS query FROM pg_stat_statements s
       JOIN pg_database d ON d.oid = s.dbid
      WHERE d.datname = $1 AND s.query NOT ILIKE '%pg_stat_%' ORDER BY s.calls DESC LIMIT 8`,
    [database],
  );
  return rows.map((r) => ({ perRequest: +(Number(r.calls) / requests).toFixed(2), query: r.query }));
}

async function benchServer(services, { label, port, key, ctx, url, database, opts, log }) {
  const stats = new pg.Client(url);
  await stats.connect();
  const out = {};
  try {
    for (const testCase of CASES) {
      const probe = await graphql(port, key, testCase.body(ctx));
      if (probe.status !== 200 || probe.json?.errors || !testCase.check(probe.json?.data)) {
        throw new Error(
          `${label} ${testCase.key}: bad probe response ${probe.status} ${JSON.stringify(probe.json).slice(0, 500)}`,
        );
      }
      await cannon(port, key, ctx, testCase, opts.warmup, opts.connections);
      await sleep(300);
      await stats.query('SELECT pg_stat_statements_reset()');
      await stats.query('SELECT pg_stat_clear_snapshot()');
      const before = await sqlCounters(stats, database);
      const result = await cannon(port, key, ctx, testCase, opts.duration, opts.connections);
      await sleep(700); // pg_stat_database is flushed by backends about once a second
      await stats.query('SELECT pg_stat_clear_snapshot()');
      const after = await sqlCounters(stats, database);
      const requests = result.requests.total;
      out[testCase.key] = {
        requestsPerSecond: requests / result.duration,
        p50Ms: result.latency.p50,
        p99Ms: result.latency.p99,
        requests,
        errors: result.errors,
        non2xx: result.non2xx,
        sqlPerRequest: (after.calls - 1 - before.calls) / requests, // -1: the reset itself is not counted, the counter query is filtered
        transactionsPerRequest: (after.xacts - before.xacts) / requests,
        topStatements: await topStatements(stats, database, requests),
      };
      log(
        `  ${label} ${testCase.key}: ${Math.round(out[testCase.key].requestsPerSecond)} req/s, p50 ${result.latency.p50} ms, p99 ${result.latency.p99} ms, ` +
          `${out[testCase.key].sqlPerRequest.toFixed(2)} SQL/req${result.non2xx || result.errors ? `, ${result.non2xx} non-2xx, ${result.errors} errors` : ''}`,
      );
    }
  } finally {
    await stats.end();
  }
  return out;
}

export async function runApi(services, options, log = console.error) {
  const opts = { ...apiDefaults, ...options };
  log(
    `api benchmark: ${opts.connections} connections × ${opts.duration} s per case (+${opts.warmup} s warm-up), ${opts.customers} customers`,
  );
  const topics = [Topics.interactions, Topics.tierChanges, Topics.interactionsDeadLetter];
  await services.resetTopics(topics, 6);
  const database = 'bench_api';
  const url = await services.createDatabase(database);
  const key = await createKey(url);
  const { businessId, customerIds } = await seed(url, opts.customers);
  const ctx = { customerIds, sequence: 0, run: Date.now() };
  let whatIf = null;
  if (opts.whatifCustomers > 0) {
    const whatIfKey = await createKey(url, 'Bench what-if');
    log(`seeding the what-if business: ${opts.whatifCustomers.toLocaleString('en')} customers`);
    whatIf = {
      key: whatIfKey,
      ...(await seedWhatIf(url, opts.whatifCustomers)),
      customers: opts.whatifCustomers,
    };
    log(`  seeded in ${whatIf.seedSeconds.toFixed(0)} s: ${JSON.stringify(whatIf.counts)}`);
  }
  const result = {
    options: opts,
    method:
      'pg_stat_statements calls (utility statements such as BEGIN/COMMIT included) and pg_stat_database xact_commit deltas over the measured run ÷ requests completed',
    businessId,
  };

  // Ours first, then the baseline: never both under load at once on a 2-core machine.
  {
    const port = await findFreePort();
    // The api's start flags (package.json start:api, its Dockerfile).
    const flags = ['--max-old-space-size=192'];
    const args = opts.profile
      ? [...flags, '--cpu-prof', `--cpu-prof-dir=${opts.profileDir}`, API_MAIN]
      : [...flags, API_MAIN];
    const api = startNode(services, 'api', args, {
      DATABASE_URL: url,
      KAFKA_BROKERS: services.kafka.brokers,
      PORT: String(port),
      LOG_LEVEL: 'warn',
      LOG_FORMAT: 'json',
      GRAPHQL_INTROSPECTION: 'false',
      NODE_ENV: 'production',
    });
    try {
      await waitForHttp(`http://127.0.0.1:${port}/health/live`, api);
      const idle = memoryOf(api.pid);
      const cases = opts.cases
        ? await benchServer(services, { label: 'ours', port, key, ctx, url, database, opts, log })
        : {};
      const loaded = memoryOf(api.pid);
      // After the load, in the same process: the what-if's own peak is measured apart (peak reset).
      const whatIfResult = whatIf ? await runWhatIf(port, api.pid, whatIf.key, whatIf, log) : null;
      const end = memoryOf(api.pid);
      result.ours = {
        cases,
        idleRssBytes: idle.rss,
        peakRssUnderLoadBytes: loaded.peakRss,
        peakRssBytes: Math.max(loaded.peakRss, whatIfResult?.peakRssDuringBytes || 0, end.peakRss),
        rssBytes: end.rss,
        ...(whatIfResult ? { whatIf: whatIfResult } : {}),
      };
    } finally {
      await api.stop();
    }
  }
  if (!opts.cases) return result;
  {
    const port = await findFreePort();
    const baseline = startNode(services, 'baseline', [BASELINE_MAIN], {
      DATABASE_URL: url,
      KAFKA_BROKERS: services.kafka.brokers,
      PORT: String(port),
      NODE_ENV: 'production',
    });
    try {
      await waitForHttp(`http://127.0.0.1:${port}/graphql`, baseline, 60_000, true);
      const cases = await benchServer(services, {
        label: 'baseline',
        port,
        key,
        ctx,
        url,
        database,
        opts,
        log,
      });
      result.baseline = {
        cases,
        peakRssBytes: memoryOf(baseline.pid).peakRss,
        rssBytes: memoryOf(baseline.pid).rss,
      };
    } finally {
      await baseline.stop();
    }
  }
  result.cases = CASES.map((c) => ({
    name: c.name,
    key: c.key,
    ours: result.ours.cases[c.key],
    baseline: result.baseline.cases[c.key],
    ratio: result.ours.cases[c.key].requestsPerSecond / result.baseline.cases[c.key].requestsPerSecond,
  }));
  return result;
}
