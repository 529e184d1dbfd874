#!/usr/bin/env node
// Paired A/B of api builds on one seeded database: alternates each build and the baseline, one
// case at a time (never two servers under load at once), and prints every run with its ratio to
// the baseline run next to it. For a change of the api on a machine whose speed moves between
// minutes: copy the old build's dist somewhere under the repository (so its packages resolve),
// rebuild, then
//   mkdir -p .cache && cp -r apps/api/dist .cache/api-before && npm run build -w @inner-circle/api
//   node bench/api-pair.mjs --build before=.cache/api-before/main.js --build after=apps/api/dist/main.js
// Options: --build label=path@--node-flag,--node-flag (node flags added to the api's start flags),
// --case customersPage|customer|recordInteraction (repeatable; default customersPage),
// --rounds N (default 3), --duration S (default 10), --warmup S (default 3), --customers N,
// --profile DIR (each server under --cpu-prof into DIR/<label>).
// Besides req/s it prints CPU µs per request (user + system time of the server process over
// the run ÷ requests), which moves less than req/s when other work shares the machine.
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import pg from 'pg';
import { Topics } from '@inner-circle/contracts';
import { CASES, cannon, createKey, graphql, seed } from './api.mjs';
import { Services, withTimeout } from './lib/services.mjs';
import { cpuSecondsOf, memoryOf, startNode, waitForHttp } from './lib/proc.mjs';
import { findFreePort, sleep } from './lib/util.mjs';

const { values } = parseArgs({
  options: {
    build: { type: 'string', multiple: true },
    case: { type: 'string', multiple: true },
    rounds: { type: 'string', default: '3' },
    duration: { type: 'string', default: '10' },
    warmup: { type: 'string', default: '3' },
    connections: { type: 'string', default: '10' },
    customers: { type: 'string', default: '10000' },
    profile: { type: 'string' },
  },
});
// label=path, or label=path@--flag,--flag for node flags beyond the api's own start flags.
const builds = (values.build ?? [`after=apps/api/dist/main.js`]).map((spec) => {
  const label = spec.slice(0, spec.indexOf('='));
  const rest = spec.slice(spec.indexOf('=') + 1);
  const [path, flags] = rest.split('@');
  return { label, main: resolve(path), flags: flags ? flags.split(',') : [] };
});
const cases = (values.case ?? ['customersPage']).map((key) => {
  const found = CASES.find((c) => c.key === key);
  if (!found) throw new Error(`unknown case ${key}`);
  return found;
});
const opts = {
  rounds: Number(values.rounds),
  duration: Number(values.duration),
  warmup: Number(values.warmup),
  connections: Number(values.connections),
};
const BASELINE_MAIN = new URL('./baseline-server.mjs', import.meta.url).pathname;
const log = (message) => console.error(`[pair ${new Date().toISOString().slice(11, 19)}] ${message}`);

async function sqlCalls(url) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT coalesce(sum(calls), 0)::bigint AS calls FROM pg_stat_statements s
         JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'bench_api' AND s.query NOT ILIKE '%pg_stat_%'`,
    );
    return Number(rows[0].calls);
  } finally {
    await client.end();
  }
}

/** The statements of the measured run: calls and mean execution time in PostgreSQL, per request. */
async function statements(url, requests) {
  const client = new pg.Client(url);
  await client.connect();
  try {
    const { rows } = await client.query(
      `SELECT s.calls, s.total_exec_time, left(regexp_replace(s.query, '\\s+', ' ', 'g'), 90) AS query
         FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
        WHERE d.datname = 'bench_api' AND s.query NOT ILIKE '%pg_stat_%' ORDER BY s.calls DESC LIMIT 6`,
    );
    return rows.map((r) => ({
      perRequest: +(Number(r.calls) / requests).toFixed(2),
      meanMs: +(r.total_exec_time / Number(r.calls)).toFixed(3),
      query: r.query,
    }));
  } finally {
    await client.end();
  }
}

async function resetStatements(url) {
  const client = new pg.Client(url);
  await client.connect();
  await client.query('SELECT pg_stat_statements_reset()').finally(() => client.end());
}

async function measure(services, label, args, env, ctx, key, url) {
  const port = await findFreePort();
  const proc = startNode(services, label, args, { ...env, PORT: String(port) });
  const out = {};
  try {
    await waitForHttp(`http://127.0.0.1:${port}/graphql`, proc, 90_000, true);
    for (const testCase of cases) {
      const probe = await graphql(port, key, testCase.body(ctx));
      if (probe.status !== 200 || probe.json?.errors || !testCase.check(probe.json?.data))
        throw new Error(
          `${label} ${testCase.key}: ${probe.status} ${JSON.stringify(probe.json).slice(0, 300)}`,
        );
      await cannon(port, key, ctx, testCase, opts.warmup, opts.connections);
      await resetStatements(url);
      const before = await sqlCalls(url);
      const cpuBefore = cpuSecondsOf(proc.pid);
      const result = await cannon(port, key, ctx, testCase, opts.duration, opts.connections);
      const cpu = cpuSecondsOf(proc.pid) - cpuBefore;
      const after = await sqlCalls(url);
      out[testCase.key] = {
        rps: result.requests.total / result.duration,
        p99: result.latency.p99,
        cpuUsPerRequest: (cpu * 1e6) / result.requests.total,
        sql: (after - before - 1) / result.requests.total,
        bad: result.non2xx + result.errors,
        peakRssMiB: Math.round(memoryOf(proc.pid).peakRss / 2 ** 20),
        statements: await statements(url, result.requests.total),
      };
    }
  } finally {
    await proc.stop();
  }
  return out;
}

const services = new Services();
try {
  await withTimeout(
    (async () => {
      await services.start({ log });
      await services.resetTopics([Topics.interactions, Topics.tierChanges, Topics.interactionsDeadLetter], 6);
      const url = await services.createDatabase('bench_api');
      const key = await createKey(url);
      const { customerIds } = await seed(url, Number(values.customers));
      const ctx = { customerIds, sequence: 0, run: Date.now() };
      const env = {
        DATABASE_URL: url,
        KAFKA_BROKERS: services.kafka.brokers,
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        GRAPHQL_INTROSPECTION: 'false',
        NODE_ENV: 'production',
      };
      const rows = [];
      for (let round = 1; round <= opts.rounds; round++) {
        const runs = {};
        for (const build of builds) {
          const prof = values.profile
            ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values.profile, build.label)}`]
            : [];
          runs[build.label] = await measure(
            services,
            build.label,
            ['--max-old-space-size=192', ...build.flags, ...prof, build.main],
            env,
            ctx,
            key,
            url,
          );
        }
        const baseProf = values.profile
          ? ['--cpu-prof', `--cpu-prof-dir=${resolve(values.profile, 'baseline')}`]
          : [];
        runs.baseline = await measure(services, 'baseline', [...baseProf, BASELINE_MAIN], env, ctx, key, url);
        for (const testCase of cases) {
          const base = runs.baseline[testCase.key].rps;
          const line = Object.entries(runs)
            .map(([label, r]) => {
              const c = r[testCase.key];
              const ratio = label === 'baseline' ? '' : ` (${(c.rps / base).toFixed(3)})`;
              return `${label} ${Math.round(c.rps)} req/s${ratio} ${Math.round(c.cpuUsPerRequest)} µs CPU/req p99 ${c.p99} ms ${c.peakRssMiB} MiB ${c.sql.toFixed(2)} SQL/req${c.bad ? ` ${c.bad} bad` : ''}`;
            })
            .join(' | ');
          log(`round ${round} ${testCase.key}: ${line}`);
          rows.push({ round, case: testCase.key, runs });
          if (round === 1)
            for (const [label, r] of Object.entries(runs))
              log(`  ${label}: ${JSON.stringify(r[testCase.key].statements)}`);
        }
        await sleep(200);
      }
      console.log(JSON.stringify(rows));
    })(),
    60 * 60_000,
    'pair',
  );
} finally {
  await services.stopAll(log);
}
