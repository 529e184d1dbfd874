// The real services of a reliability run, on loopback, each restartable on the same port and
// data: an embedded PostgreSQL, a single-node KRaft Kafka broker, and standalone worker
// processes (apps/worker/dist/main.js). Everything started is registered for cleanup, which
// runs on every exit path (see run.mjs).
import { spawn } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { Kafka, logLevel } from 'kafkajs';

const require = createRequire(import.meta.url);
const root = new URL('../../', import.meta.url);
const devServicesUrl = new URL('packages/dev-services/dist/index.js', root);
const launcherUrl = new URL('scripts/kafka/kafka.mjs', root);
export const WORKER_MAIN = new URL('apps/worker/dist/main.js', root).pathname;
/** The node flags of `npm run start:worker`, so the worker runs as users run it. */
const WORKER_NODE_FLAGS = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'))
  .scripts['start:worker'].split(/\s+/)
  .filter((arg) => arg.startsWith('--'));

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

export function findFreePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

/** Polls `probe` until it returns something other than undefined; throws naming `what` after `timeoutMs`. */
export async function waitFor(probe, what, timeoutMs = 60_000, intervalMs = 200) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    const value = await probe();
    if (value !== undefined) return value;
    await sleep(intervalMs);
  }
  throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
}

export class Cluster {
  constructor(log) {
    this.log = log;
    this.cleanups = [];
    this.workers = new Set();
  }

  defer(label, fn) {
    this.cleanups.push({ label, fn });
  }

  async start() {
    const { startEmbeddedPostgres } = await import(devServicesUrl.href);
    this.startEmbeddedPostgres = startEmbeddedPostgres;
    this.launcher = await import(launcherUrl.href);
    this.home = await mkdtemp(join(tmpdir(), 'ic-reliability-'));
    // PostgreSQL runs as its own user when we are root: it must be able to enter the folder.
    await chmod(this.home, 0o755);
    this.defer('temp dir', () => rm(this.home, { recursive: true, force: true }));

    this.pgOptions = { dataDir: join(this.home, 'pg'), persistent: true, fsync: false };
    this.log('starting embedded PostgreSQL');
    this.pg = await startEmbeddedPostgres(this.pgOptions);
    this.pgOptions.port = this.pg.port;
    this.defer('postgres', () => this.pg?.stop());
    this.adminUrl = this.pg.url.replace(/\/[^/]+$/, '/postgres');

    this.kafkaOptions = {
      port: await findFreePort(),
      controllerPort: await findFreePort(),
      homeDir: join(this.home, 'kafka'),
      dataDir: join(this.home, 'kafka', 'data'),
      log: () => undefined,
    };
    this.log('starting Kafka (KRaft, loopback)');
    this.broker = await this.launcher.startKafka(this.kafkaOptions);
    this.brokers = this.broker.brokers;
    this.defer('kafka', () => this.launcher.stopKafka(this.kafkaOptions));
    this.kafka = new Kafka({
      clientId: 'reliability',
      brokers: [this.brokers],
      logLevel: logLevel.NOTHING,
      retry: { retries: 30, initialRetryTime: 100, maxRetryTime: 2000 },
    });
    this.admin = this.kafka.admin();
    await this.admin.connect();
    this.defer('kafka admin', () => this.admin.disconnect());
    return this;
  }

  /** `kill -9` of the broker, then a start on the same ports and data. Resolves when it answers again. */
  async restartBroker() {
    const pid = this.broker.pid;
    process.kill(pid, 'SIGKILL');
    await waitFor(() => Promise.resolve(isAlive(pid) ? undefined : true), 'the broker to die', 30_000, 50);
    this.broker = await this.launcher.startKafka(this.kafkaOptions);
  }

  /** A fast shutdown of PostgreSQL (every connection is cut), then a start on the same port and data. */
  async restartPostgres() {
    await this.pg.stop();
    this.pg = await this.startEmbeddedPostgres(this.pgOptions);
  }

  /** A fresh database with the schema applied by the persistence package's migrations. */
  async createDatabase(name) {
    const admin = new pg.Client(this.adminUrl);
    await admin.connect();
    try {
      await admin.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await admin.query(`CREATE DATABASE ${name}`);
    } finally {
      await admin.end();
    }
    const url = this.adminUrl.replace(/\/postgres$/, `/${name}`);
    const { migrateDatabase } = require('@inner-circle/persistence');
    await migrateDatabase(url);
    return url;
  }

  /**
   * Starts one standalone worker process. `stop()` is SIGTERM (it leaves the group), `kill()`
   * is `kill -9`. Its output tail (20 kB) explains a failure.
   */
  async startWorker({ label, databaseUrl, group, partitions, env = {} }) {
    const port = env.WORKER_PORT ? Number(env.WORKER_PORT) : await findFreePort();
    const child = spawn(process.execPath, [...WORKER_NODE_FLAGS, WORKER_MAIN], {
      env: {
        ...process.env,
        DATABASE_URL: databaseUrl,
        KAFKA_BROKERS: this.brokers,
        KAFKA_CONSUMER_GROUP: group,
        KAFKA_TOPIC_PARTITIONS: String(partitions),
        WORKER_PORT: String(port),
        HOST: '127.0.0.1',
        LOG_LEVEL: 'warn',
        LOG_FORMAT: 'json',
        NODE_ENV: 'production',
        ...env,
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let tail = '';
    const keep = (chunk) => void (tail = (tail + chunk.toString()).slice(-20_000));
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    const exited = new Promise((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
    const worker = {
      label,
      port,
      child,
      exited,
      output: () => tail,
      alive: () => child.exitCode === null && child.signalCode === null,
      kill: async () => {
        if (worker.alive()) child.kill('SIGKILL');
        await exited;
        this.workers.delete(worker);
      },
      stop: async () => {
        if (worker.alive()) {
          child.kill('SIGTERM');
          const done = await Promise.race([exited, sleep(20_000).then(() => null)]);
          if (!done) child.kill('SIGKILL');
        }
        await exited;
        this.workers.delete(worker);
      },
      lastNotReady: null,
      ready: async () => {
        try {
          const response = await fetch(`http://127.0.0.1:${port}/health/ready`);
          if (!response.ok) worker.lastNotReady = await response.text();
          return response.ok;
        } catch (error) {
          worker.lastNotReady = String(error?.cause?.code ?? error);
          return false;
        }
      },
    };
    this.workers.add(worker);
    return worker;
  }

  /** Committed offsets of `group` against the high watermarks of `topic`: lag per partition. */
  async lag(group, topic) {
    const [high, [committed]] = await Promise.all([
      this.admin.fetchTopicOffsets(topic),
      this.admin.fetchOffsets({ groupId: group, topics: [topic] }),
    ]);
    const done = new Map(committed.partitions.map((p) => [p.partition, BigInt(p.offset)]));
    return high.map(({ partition, high: end, low }) => {
      const at = done.get(partition) ?? -1n;
      const from = at < 0n ? BigInt(low) : at;
      return { partition, committed: at, lag: Number(BigInt(end) - from) };
    });
  }

  /** Every message of `topic` from `from` offsets (default: the start) up to its current end. */
  async readTopic(topic, from = new Map()) {
    const ends = await this.admin.fetchTopicOffsets(topic);
    const pending = new Map(
      ends
        .filter(({ partition, high }) => BigInt(high) > BigInt(from.get(partition) ?? 0))
        .map(({ partition, high }) => [partition, BigInt(high)]),
    );
    const messages = [];
    if (!pending.size) return messages;
    const consumer = this.kafka.consumer({ groupId: `reader-${process.pid}-${Date.now()}-${Math.random()}` });
    await consumer.connect();
    try {
      await consumer.subscribe({ topics: [topic], fromBeginning: true });
      const done = new Promise((resolve) => {
        void consumer.run({
          eachBatch: async ({ batch }) => {
            const start = BigInt(from.get(batch.partition) ?? 0);
            for (const message of batch.messages) {
              if (BigInt(message.offset) >= start) messages.push({ partition: batch.partition, ...message });
              if (BigInt(message.offset) + 1n >= (pending.get(batch.partition) ?? 0n))
                pending.delete(batch.partition);
            }
            if (!pending.size) resolve();
          },
        });
      });
      await Promise.race([
        done,
        sleep(180_000).then(() => {
          throw new Error(`reading ${topic} did not reach its end in 180 s`);
        }),
      ]);
    } finally {
      await consumer.disconnect();
    }
    return messages;
  }

  async stopAll() {
    for (const worker of [...this.workers]) {
      try {
        await worker.stop();
      } catch (error) {
        this.log(`stopping ${worker.label} failed: ${error?.message ?? error}`);
      }
    }
    for (const { label, fn } of this.cleanups.reverse()) {
      try {
        await Promise.race([
          fn(),
          sleep(30_000).then(() => {
            throw new Error('timed out');
          }),
        ]);
      } catch (error) {
        this.log(`cleanup of ${label} failed: ${error?.message ?? error}`);
      }
    }
    this.cleanups = [];
  }

  /** Synchronous last resort (process exit): kill -9 whatever still runs. */
  killAllNow() {
    for (const worker of this.workers) if (worker.alive()) worker.child.kill('SIGKILL');
    const pid = this.broker?.pid;
    if (pid && isAlive(pid)) process.kill(pid, 'SIGKILL');
  }
}

function isAlive(pid) {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return error.code === 'EPERM';
  }
}
