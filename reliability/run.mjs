#!/usr/bin/env node
// `npm run test:reliability` — real PostgreSQL and Kafka on loopback, worker processes started
// and killed by the suite; prints its figures at the end and exits non-zero when an invariant
// fails. See reliability/README.md.
import { mkdirSync, writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { Cluster, sleep } from './lib/cluster.mjs';
import { deliveryProfiles, runDelivery, seededRandom } from './delivery.mjs';
import { poisonProfiles, runPoison } from './poison.mjs';
import { capsProfiles, runCaps } from './caps.mjs';
import { abuseProfiles, runAbuse } from './abuse.mjs';
import { printReport } from './lib/report.mjs';

const { values } = parseArgs({
  options: {
    trimmed: { type: 'boolean', default: false },
    only: { type: 'string' },
    seed: { type: 'string' },
    timeout: { type: 'string' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log(`npm run test:reliability [-- options]
  --trimmed        the CI-sized run (fewer events and faults; ~3 min)
  --only LIST      sections to run, comma-separated: delivery,poison,caps,abuse (default: all)
  --seed N         seed of the fault moments and poison positions (default: random, printed)
  --timeout MIN    give up after MIN minutes (default 12 trimmed, 45 full)`);
  process.exit(0);
}

const profileName = values.trimmed ? 'trimmed' : 'full';
const sections = new Set((values.only ?? 'delivery,poison,caps,abuse').split(','));
const seed = Number(values.seed ?? process.env.RELIABILITY_SEED ?? Math.floor(Math.random() * 2 ** 31));
const random = seededRandom(seed);
const timeoutMs = Number(values.timeout ?? (values.trimmed ? 12 : 45)) * 60_000;
const started = Date.now();
const log = (message) =>
  console.error(`[reliability +${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);

const cluster = new Cluster(log);
const report = { profile: profileName, seed, startedAt: new Date(started).toISOString(), sections: {} };
const violations = [];

// Every exit path stops what was started: signals, the overall timeout, a crash of this script.
let cleaning = null;
const cleanUp = () => (cleaning ??= cluster.stopAll());
for (const signal of ['SIGINT', 'SIGTERM']) {
  process.once(signal, () => {
    log(`${signal}: cleaning up`);
    void cleanUp().finally(() => process.exit(130));
  });
}
process.once('exit', () => cluster.killAllNow());
const timer = setTimeout(() => {
  log(`timed out after ${timeoutMs / 60_000} min: cleaning up`);
  void cleanUp().finally(() => process.exit(2));
}, timeoutMs);
timer.unref();

let exitCode = 0;
try {
  log(`profile ${profileName}, seed ${seed}`);
  await cluster.start();
  const databaseUrl = await cluster.createDatabase('reliability');
  if (sections.has('delivery')) {
    const delivery = await runDelivery(cluster, databaseUrl, deliveryProfiles[profileName], { log, random });
    report.sections.delivery = delivery.figures;
    violations.push(...delivery.violations.map((v) => `delivery: ${v}`));
  }
  // Run without the delivery section, poison and caps still need two workers of the group.
  while ((sections.has('poison') || sections.has('caps')) && cluster.workers.size < 2) {
    const { GROUP, PARTITIONS } = await import('./delivery.mjs');
    const label = `worker-${cluster.workers.size + 1}`;
    const worker = await cluster.startWorker({ label, databaseUrl, group: GROUP, partitions: PARTITIONS });
    while (!(await worker.ready())) await sleep(200);
  }
  if (sections.has('poison')) {
    const poison = await runPoison(cluster, databaseUrl, poisonProfiles[profileName], { log, random });
    report.sections.poison = poison.figures;
    violations.push(...poison.violations.map((v) => `poison: ${v}`));
  }
  if (sections.has('caps')) {
    const caps = await runCaps(cluster, databaseUrl, capsProfiles[profileName], { log });
    report.sections.caps = caps.figures;
    violations.push(...caps.violations.map((v) => `caps: ${v}`));
  }
  if (sections.has('abuse')) {
    const abuse = await runAbuse(cluster, databaseUrl, abuseProfiles[profileName], { log });
    report.sections.abuse = abuse.figures;
    violations.push(...abuse.violations.map((v) => `abuse: ${v}`));
  }
} catch (error) {
  exitCode = 1;
  violations.push(`run failed: ${error?.stack ?? error}`);
  for (const worker of cluster.workers) log(`${worker.label} output tail:\n${worker.output().slice(-3000)}`);
} finally {
  await cleanUp();
  clearTimeout(timer);
}

report.finishedAt = new Date().toISOString();
report.seconds = Math.round((Date.now() - started) / 1000);
report.violations = violations;
const resultsDir = new URL('./results/', import.meta.url).pathname;
mkdirSync(resultsDir, { recursive: true });
writeFileSync(`${resultsDir}latest-${profileName}.json`, `${JSON.stringify(report, null, 2)}\n`);
printReport(report);
if (violations.length) exitCode = 1;
process.exit(exitCode);
