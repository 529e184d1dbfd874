// Delivery under faults: interactions produced at a steady pace while workers are killed
// (kill -9), a second worker joins, the broker is killed and restarted, and PostgreSQL is
// restarted. Then every invariant is checked (lib/checks.mjs) and the time from each fault
// to resumed consumption is reported.
import { createRequire } from 'node:module';
import pg from 'pg';
import { createBusiness, generateInteractions } from '../bench/pipeline.mjs';
import { checkBusiness } from './lib/checks.mjs';
import { sleep, waitFor } from './lib/cluster.mjs';
import { interactionMessage, producePaced } from './lib/producer.mjs';

const require = createRequire(import.meta.url);
const { Topics } = require('@inner-circle/contracts');

export const GROUP = 'reliability-worker';
export const PARTITIONS = 6;

export const deliveryProfiles = {
  full: {
    events: 100_000,
    customers: 5_000,
    perSecond: 700,
    // Fractions of the stream at which each fault strikes (plus a random shift).
    faults: ['kill', 'join', 'port-taken', 'kill', 'broker', 'kill', 'sigterm', 'postgres', 'kill', 'kill'],
  },
  trimmed: {
    events: 12_000,
    customers: 1_500,
    perSecond: 300,
    faults: ['kill', 'join', 'port-taken', 'broker', 'sigterm', 'postgres', 'kill'],
  },
};

/** A seeded generator, so a failing run can be replayed (RELIABILITY_SEED). */
export function seededRandom(seed) {
  // mulberry32: nearby seeds give unrelated sequences.
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export async function runDelivery(cluster, databaseUrl, profile, { log, random }) {
  const client = new pg.Client(databaseUrl);
  await client.connect();
  const businessId = await createBusiness(client, 'Reliability café');
  await client.end();
  const list = generateInteractions({ events: profile.events, customers: profile.customers, seed: 7 });
  const expectedIds = new Set(list.map((item) => item.interaction.id));
  const messages = list.map((item) => interactionMessage(businessId, item));

  const workers = [];
  const startWorker = async (label) => {
    const worker = await cluster.startWorker({ label, databaseUrl, group: GROUP, partitions: PARTITIONS });
    workers.push(worker);
    await waitFor(async () => ((await worker.ready()) ? true : undefined), `${label} to be ready`, 120_000);
    return worker;
  };
  await startWorker('worker-1');
  log(
    `delivery: ${profile.events} interactions at ${profile.perSecond}/s, faults: ${profile.faults.join(', ')}`,
  );
  const producing = await producePaced(cluster, messages, { perSecond: profile.perSecond });

  const faults = [];
  let workerCount = 1;
  let portTakenViolations = 0;
  const groupMembers = async (clientId) => {
    const { groups } = await cluster.admin.describeGroups([GROUP]);
    return groups[0].members.filter((member) => member.clientId === clientId).length;
  };
  // Each fault strikes somewhere in its own slice of the stream (the last 10 % stay fault-free),
  // and the stream holds at the next fault's point until this one has recovered: every fault
  // strikes mid-stream, however long recoveries take on a slow machine.
  const slice = 0.85 / profile.faults.length;
  const strikeAt = profile.faults.map((_, index) =>
    Math.floor(profile.events * (0.05 + slice * (index + random()))),
  );
  producing.progress.allowedUpTo = strikeAt[1] ?? Infinity;
  for (const [index, kind] of profile.faults.entries()) {
    const at = strikeAt[index];
    await waitFor(
      () => Promise.resolve(producing.progress.sent >= at || producing.progress.done ? true : undefined),
      `the stream to reach ${at}`,
      30 * 60_000,
      100,
    );
    const before = await waitFor(() => offsetsOrNull(), 'the committed offsets', 60_000);
    const fault = { kind, atEvent: producing.progress.sent, startedAt: Date.now() };
    // Events keep flowing during the recovery, so every partition has new work to resume.
    producing.progress.allowedUpTo = strikeAt[index + 2] ?? Infinity;
    log(`  fault ${index + 1}: ${kind} at event ~${fault.atEvent}`);
    switch (kind) {
      case 'kill': {
        const live = workers.filter((w) => w.alive());
        const victim = live[Math.floor(random() * live.length)];
        fault.target = victim.label;
        await victim.kill();
        workers.splice(workers.indexOf(victim), 1);
        // A supervisor (systemd, Kubernetes) would start it again: so does the test, at once.
        await startWorker(`worker-${++workerCount}`);
        break;
      }
      case 'sigterm': {
        // A clean stop leaves the group at once: its partitions move without waiting for a session timeout.
        const live = workers.filter((w) => w.alive());
        const victim = live[Math.floor(random() * live.length)];
        fault.target = victim.label;
        await victim.stop();
        workers.splice(workers.indexOf(victim), 1);
        fault.exit = (await victim.exited).code;
        await startWorker(`worker-${++workerCount}`);
        break;
      }
      case 'port-taken': {
        // A worker whose port is taken must exit before it joins the group (it would hold partitions for a session).
        const clientId = `port-taken-${Date.now()}`;
        const intruder = await cluster.startWorker({
          label: 'port-taken',
          databaseUrl,
          group: GROUP,
          partitions: PARTITIONS,
          env: { WORKER_PORT: String(workers[0].port), KAFKA_CLIENT_ID: clientId },
        });
        fault.exit = (await intruder.exited).code;
        cluster.workers.delete(intruder);
        const joined = await groupMembers(clientId);
        fault.target = `exit ${fault.exit}, ${joined} member(s) joined`;
        if (fault.exit === 0 || joined > 0) portTakenViolations += 1;
        break;
      }
      case 'join':
        await startWorker(`worker-${++workerCount}`);
        break;
      case 'broker':
        await cluster.restartBroker();
        fault.serviceBackAfterMs = Date.now() - fault.startedAt;
        break;
      case 'postgres':
        await cluster.restartPostgres();
        fault.serviceBackAfterMs = Date.now() - fault.startedAt;
        break;
      default:
        throw new Error(`unknown fault ${kind}`);
    }
    // Resumed: every partition committed past its offset at the fault (each gets new events meanwhile).
    await waitFor(
      async () => {
        const now = await offsetsOrNull();
        if (!now) return undefined;
        return now.every(({ partition, committed }) => {
          const then = before.find((p) => p.partition === partition);
          return !then || committed > then.committed;
        })
          ? true
          : undefined;
      },
      `consumption to resume after ${kind}`,
      180_000,
      100,
    );
    fault.resumedAfterMs = Date.now() - fault.startedAt;
    await waitFor(
      async () => ((await Promise.all(workers.map((w) => w.ready()))).every(Boolean) ? true : undefined),
      `the workers to be ready after ${kind}`,
      180_000,
      100,
    );
    fault.readyAfterMs = Date.now() - fault.startedAt;
    if (fault.readyAfterMs > fault.resumedAfterMs + 5000)
      for (const w of workers)
        if (w.lastNotReady) log(`    ${w.label} was not ready: ${w.lastNotReady.slice(0, 600)}`);
    for (const w of workers) w.lastNotReady = null;
    log(
      `    resumed after ${(fault.resumedAfterMs / 1000).toFixed(1)} s, ready after ${(fault.readyAfterMs / 1000).toFixed(1)} s`,
    );
    faults.push(fault);
  }

  await producing.finished;
  log(`  produced ${producing.progress.sent} (${producing.progress.resends} chunks sent again); draining`);
  await waitFor(
    async () => {
      const lag = await offsetsOrNull();
      return lag && lag.every((p) => p.lag === 0) ? true : undefined;
    },
    'the consumer lag to reach 0',
    10 * 60_000,
    500,
  );
  await waitFor(
    async () => {
      const c = new pg.Client(databaseUrl);
      await c.connect();
      try {
        const { rows } = await c.query('SELECT count(*)::int AS n FROM outbox WHERE published_at IS NULL');
        return rows[0].n === 0 ? true : undefined;
      } finally {
        await c.end();
      }
    },
    'the outbox to be published',
    120_000,
    500,
  );
  const recoveredByThemselves = (await Promise.all(workers.map((w) => w.ready()))).every(Boolean);
  const { figures, violations } = await checkBusiness(cluster, databaseUrl, businessId, expectedIds);
  if (!recoveredByThemselves) violations.push('a worker is not ready at the end');
  if (portTakenViolations)
    violations.push('a worker that could not bind its port joined the group or exited 0');
  return {
    figures: {
      produced: producing.progress.sent,
      producerResends: producing.progress.resends,
      ...figures,
      kills: faults.filter((f) => f.kind === 'kill').length,
      workersAtEnd: workers.length,
      faults: faults.map(({ kind, target, atEvent, serviceBackAfterMs, resumedAfterMs, readyAfterMs }) => ({
        kind,
        ...(target ? { target } : {}),
        atEvent,
        ...(serviceBackAfterMs ? { serviceBackAfterMs } : {}),
        resumedAfterMs,
        readyAfterMs,
      })),
    },
    violations,
    workers,
  };

  async function offsetsOrNull() {
    try {
      return await cluster.lag(GROUP, Topics.interactions);
    } catch {
      return undefined; // the broker is restarting
    }
  }
}

export { sleep };
