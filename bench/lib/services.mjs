// Real local services for the benchmarks: one embedded PostgreSQL (with pg_stat_statements)
// and one Apache Kafka KRaft broker, both on loopback, both thrown away at the end.
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createRequire } from 'node:module';
import pg from 'pg';
import { Kafka, logLevel } from 'kafkajs';

const require = createRequire(import.meta.url);
const devServicesUrl = new URL('../../packages/dev-services/dist/index.js', import.meta.url);

/** Everything a run started, so one `stopAll` undoes it even after a failure. */
export class Services {
  constructor() {
    this.cleanups = [];
    this.pg = null;
    this.kafka = null;
    this.adminUrl = null;
  }

  defer(label, fn) {
    this.cleanups.push({ label, fn });
  }

  async start({ log = () => undefined } = {}) {
    const { startEmbeddedPostgres, startTestKafka } = await import(devServicesUrl.href);
    const pgHome = await mkdtemp(join(tmpdir(), 'ic-bench-pg-'));
    // initdb runs as the `postgres` user when we are root: it must be able to enter the folder.
    await chmod(pgHome, 0o755);
    this.defer('pg temp dir', () => rm(pgHome, { recursive: true, force: true }));
    const dataDir = join(pgHome, 'data');
    // Start once, turn on pg_stat_statements (needs a preload), restart on the same folder.
    log('starting embedded PostgreSQL');
    let server = await startEmbeddedPostgres({ dataDir, persistent: true, fsync: false });
    try {
      const client = new pg.Client(server.url.replace(/\/[^/]+$/, '/postgres'));
      await client.connect();
      await client.query(`ALTER SYSTEM SET shared_preload_libraries = 'pg_stat_statements'`);
      await client.query(`ALTER SYSTEM SET pg_stat_statements.track = 'all'`);
      // Experiments only (bench/README.md, round 4): the default stays the embedded server's 128 MB.
      if (process.env.BENCH_PG_SHARED_BUFFERS)
        await client.query(
          `ALTER SYSTEM SET shared_buffers = '${process.env.BENCH_PG_SHARED_BUFFERS.replace(/[^0-9A-Za-z]/g, '')}'`,
        );
      await client.end();
    } finally {
      await server.stop();
    }
    server = await startEmbeddedPostgres({ dataDir, port: server.port, persistent: true, fsync: false });
    this.pg = server;
    this.defer('postgres', () => server.stop());
    this.adminUrl = server.url.replace(/\/[^/]+$/, '/postgres');

    log('starting Kafka (KRaft, loopback)');
    const kafka = await startTestKafka();
    this.kafka = kafka;
    this.defer('kafka', () => kafka.stop());
    return this;
  }

  /** A fresh database with the schema applied (migrations from the persistence package). */
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
    const client = new pg.Client(url);
    await client.connect();
    try {
      await client.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    } finally {
      await client.end();
    }
    return url;
  }

  kafkaClient(clientId) {
    return new Kafka({
      clientId,
      brokers: this.kafka.brokers.split(','),
      logLevel: logLevel.NOTHING,
      retry: { retries: 8, initialRetryTime: 100, maxRetryTime: 2000 },
    });
  }

  /** Deletes (if present) and recreates topics so each scenario starts from an empty log. */
  async resetTopics(topics, partitions) {
    const admin = this.kafkaClient('bench-admin').admin();
    await admin.connect();
    try {
      const existing = new Set(await admin.listTopics());
      const present = topics.filter((t) => existing.has(t));
      if (present.length) {
        await admin.deleteTopics({ topics: present, timeout: 30_000 });
        const deadline = Date.now() + 60_000;
        while (Date.now() < deadline) {
          const now = new Set(await admin.listTopics());
          if (!present.some((t) => now.has(t))) break;
          await sleep(200);
        }
      }
      for (let attempt = 0; ; attempt++) {
        try {
          await admin.createTopics({
            topics: topics.map((topic) => ({ topic, numPartitions: partitions, replicationFactor: 1 })),
            waitForLeaders: true,
            timeout: 30_000,
          });
          break;
        } catch (error) {
          // A topic being deleted cannot be recreated yet.
          if (attempt > 50) throw error;
          await sleep(300);
        }
      }
    } finally {
      await admin.disconnect();
    }
  }

  async stopAll(log = () => undefined) {
    for (const { label, fn } of this.cleanups.reverse()) {
      try {
        await withTimeout(fn(), 30_000, label);
      } catch (error) {
        log(`cleanup of ${label} failed: ${error?.message ?? error}`);
      }
    }
    this.cleanups = [];
  }
}

export function sleep(ms) {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

export async function withTimeout(promise, ms, label) {
  let timer;
  try {
    return await Promise.race([
      promise,
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`${label} timed out after ${ms} ms`)), ms);
      }),
    ]);
  } finally {
    clearTimeout(timer);
  }
}
