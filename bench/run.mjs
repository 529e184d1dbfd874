#!/usr/bin/env node
// `npm run bench` — starts throwaway PostgreSQL + Kafka on loopback, runs the pipeline and API
// benchmarks with their baselines, prints a table, writes bench/results/<timestamp>.json.
// Flags: see `npm run bench -- --help` or bench/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Services, withTimeout } from './lib/services.mjs';
import { pipelineDefaults, runPipeline } from './pipeline.mjs';
import { apiDefaults, runApi } from './api.mjs';
import { printTable } from './lib/report.mjs';
import { summarizeProfiles } from './lib/profile.mjs';
import { renderChart } from './lib/chart.mjs';

const HELP = `npm run bench [-- options]
  --only pipeline|api|whatif  run one benchmark (default: both); whatif = only our api's simulateTierLadder
  --whatif-customers N     customers of the business simulateTierLadder runs on, in the api run
                           (default ${apiDefaults.whatifCustomers}; 0 to skip)
  --events N               interactions produced (default ${pipelineDefaults.events}; env BENCH_EVENTS)
  --customers M            customers of the main run (default ${pipelineDefaults.customers}; env BENCH_CUSTOMERS)
  --partitions P           partitions of loyalty.interactions.v1 (default ${pipelineDefaults.partitions})
  --scale LIST             customer counts of the scale runs, comma-separated, "none" to skip
                           (default ${pipelineDefaults.scale.join(',')}; add 1000000 to opt in: --scale 10000,1000000)
  --latency-rate LIST      offered events/s of the latency runs, comma-separated; "half" = half of the main
                           run's measured throughput (default ${pipelineDefaults.latencyRate.join(',')})
  --latency-seconds S      duration of the latency run (default ${pipelineDefaults.latencySeconds})
  --scale-out LIST         worker counts of the scale-out runs (one consumer group), "none" to skip
                           (default ${pipelineDefaults.scaleOut.join(',')})
  --scale-out-events N     interactions of each scale-out run (default ${pipelineDefaults.scaleOutEvents})
  --connections C          autocannon connections (default ${apiDefaults.connections})
  --duration S             autocannon seconds per case (default ${apiDefaults.duration})
  --profile                run the worker and the api with --cpu-prof and print their hottest functions
  --timeout MIN            give up after MIN minutes (default 30)`;

const { values } = parseArgs({
  options: {
    only: { type: 'string' },
    events: { type: 'string' },
    customers: { type: 'string' },
    partitions: { type: 'string' },
    scale: { type: 'string' },
    'latency-rate': { type: 'string' },
    'latency-seconds': { type: 'string' },
    'scale-out': { type: 'string' },
    'scale-out-events': { type: 'string' },
    connections: { type: 'string' },
    duration: { type: 'string' },
    'whatif-customers': { type: 'string' },
    profile: { type: 'boolean', default: false },
    timeout: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}

const num = (value, fallback) => (value === undefined || value === '' ? fallback : Number(value));
const stamp = new Date().toISOString().replace(/[:.]/g, '-');
const resultsDir = new URL('./results/', import.meta.url).pathname;
// Profiles go under .cache/ (git-ignored): they are large and only useful locally.
const profileDir = new URL(`../.cache/bench/prof-${stamp}`, import.meta.url).pathname;
const log = (message) => console.error(`[bench ${new Date().toISOString().slice(11, 19)}] ${message}`);

const pipelineOptions = {
  events: num(values.events ?? process.env.BENCH_EVENTS, pipelineDefaults.events),
  customers: num(values.customers ?? process.env.BENCH_CUSTOMERS, pipelineDefaults.customers),
  partitions: num(values.partitions, pipelineDefaults.partitions),
  scale:
    values.scale === undefined
      ? pipelineDefaults.scale
      : values.scale === 'none'
        ? []
        : values.scale.split(',').map(Number),
  latencyRate:
    values['latency-rate'] === undefined
      ? pipelineDefaults.latencyRate
      : values['latency-rate'].split(',').map((rate) => (rate === 'half' ? rate : Number(rate))),
  scaleOut:
    values['scale-out'] === undefined
      ? pipelineDefaults.scaleOut
      : values['scale-out'] === 'none'
        ? []
        : values['scale-out'].split(',').map(Number),
  scaleOutEvents: num(values['scale-out-events'], pipelineDefaults.scaleOutEvents),
  latencySeconds: num(values['latency-seconds'], pipelineDefaults.latencySeconds),
  profile: values.profile,
  profileDir,
};
const apiOptions = {
  connections: num(values.connections, apiDefaults.connections),
  duration: num(values.duration, apiDefaults.duration),
  whatifCustomers: num(values['whatif-customers'], apiDefaults.whatifCustomers),
  cases: values.only !== 'whatif',
  profile: values.profile,
  profileDir,
};

const machine = {
  nproc: cpus().length,
  cpuModel: /model name\s*:\s*(.*)/.exec(readFileSync('/proc/cpuinfo', 'utf8'))?.[1] ?? 'unknown',
  node: process.version,
  memoryGiB: Math.round(
    Number(/MemTotal:\s+(\d+)/.exec(readFileSync('/proc/meminfo', 'utf8'))?.[1] ?? 0) / 2 ** 20,
  ),
};

const services = new Services();
const results = { startedAt: new Date().toISOString(), machine };
let exitCode = 0;
const stopOnSignal = (signal) => {
  log(`${signal}: cleaning up`);
  void services.stopAll(log).finally(() => process.exit(130));
};
process.once('SIGINT', stopOnSignal);
process.once('SIGTERM', stopOnSignal);

try {
  await withTimeout(
    (async () => {
      await services.start({ log });
      if (values.only !== 'api' && values.only !== 'whatif')
        results.pipeline = await runPipeline(services, pipelineOptions, log);
      if (values.only !== 'pipeline') results.api = await runApi(services, apiOptions, log);
    })(),
    num(values.timeout, 30) * 60_000,
    'benchmark',
  );
} catch (error) {
  exitCode = 1;
  results.error = error instanceof Error ? error.stack : String(error);
  log(`FAILED: ${results.error}`);
} finally {
  await services.stopAll(log);
}

results.finishedAt = new Date().toISOString();
if (values.profile)
  results.profile = await summarizeProfiles(profileDir).catch((e) => ({ error: String(e) }));
mkdirSync(resultsDir, { recursive: true });
const file = `${resultsDir}${stamp}.json`;
writeFileSync(file, `${JSON.stringify(results, null, 2)}\n`);
// The chart of the latest complete run (both benchmarks) is kept beside the README.
if (!results.error && results.pipeline && results.api) {
  writeFileSync(new URL('./chart.svg', import.meta.url), renderChart(results));
}
printTable(results);
console.log(`\nresults: ${file}`);
process.exit(exitCode);
