import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  computeScore,
  type Interaction,
  InteractionType,
  resolveScoringSettings,
} from '@inner-circle/domain';
import { waitFor } from '@inner-circle/dev-services/wait-for';
import pg from 'pg';
import {
  demoKey,
  type EmbeddedProcess,
  freePort,
  startEmbeddedProcess,
  stopLeftoverPostgres,
} from './embedded-process';

// `npm start`'s entry point as a child process on its embedded PostgreSQL: what the api
// acknowledged must be applied exactly once, whatever moment the process is killed at.

const TOTAL = 10_000;
const CUSTOMERS = 400;
const BATCH = 250;
const CONCURRENCY = 4;
const RECORD = `mutation Record($input: RecordInteractionsInput!) {
  recordInteractions(input: $input) { accepted errors { index code message } }
}`;

interface InteractionInput {
  id: string;
  customerExternalRef: string;
  type: 'VISIT' | 'PURCHASE';
  occurredAt: string;
  amount?: number;
  currency?: string;
}

/** 25 interactions per customer over the last four days (inside the late-arrival window). */
function generate(run: string): InteractionInput[] {
  const start = Date.now() - 4 * 24 * 3600 * 1000;
  return Array.from({ length: TOTAL }, (_, n) => {
    const visit = n % 3 === 0;
    return {
      id: `${run}-${n}`,
      customerExternalRef: `${run}-customer-${n % CUSTOMERS}`,
      type: visit ? 'VISIT' : 'PURCHASE',
      occurredAt: new Date(start + n * 30_000).toISOString(),
      ...(visit ? {} : { amount: 5 + (n % 40), currency: 'EUR' }),
    };
  });
}

function batches<T>(items: T[], size: number): T[][] {
  return Array.from({ length: Math.ceil(items.length / size) }, (_, i) =>
    items.slice(i * size, (i + 1) * size),
  );
}

/**
 * Sends the batches `CONCURRENCY` at a time and records what was acknowledged. `shouldKill`
 * is asked after each acknowledgement; once it says so, `victim` is killed mid-stream
 * (requests in flight to it then fail: their interactions were never acknowledged).
 */
async function sendUntilKilled(
  items: InteractionInput[],
  target: () => EmbeddedProcess,
  key: string,
  acknowledged: Set<string>,
  shouldKill: () => Promise<boolean>,
  victim: () => EmbeddedProcess = target,
): Promise<{ killed: boolean }> {
  const queue = batches(items, BATCH);
  let killed = false;
  let killing: Promise<void> | undefined;
  const sender = async (): Promise<void> => {
    for (let next = queue.shift(); next && !killed; next = queue.shift()) {
      try {
        const data = await target().graphql<{
          recordInteractions: { accepted: string[]; errors: unknown[] };
        }>(RECORD, { input: { interactions: next } }, key);
        expect(data.recordInteractions.errors).toEqual([]);
        for (const id of data.recordInteractions.accepted) acknowledged.add(id);
      } catch (error) {
        if (killed) return; // the request died with the process: not acknowledged
        throw error;
      }
      if (!killed && (await shouldKill())) {
        killed = true;
        killing = victim().kill9();
      }
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, sender));
  await killing;
  return { killed };
}

async function workerLag(database: pg.Client): Promise<number> {
  const { rows } = await database.query<{ lag: string | null }>(
    `SELECT sum(p.next_offset - c.next_offset)::text AS lag FROM event_consumer_positions c
       JOIN event_partitions p USING (topic, partition)
      WHERE c.group_id = 'inner-circle-worker' AND c.topic = 'loyalty.interactions.v1'`,
  );
  return Number(rows[0]?.lag ?? 0);
}

/** Every id applied once, and each customer's score equals the domain's recomputation from its interactions. */
async function expectAppliedExactlyOnce(
  database: pg.Client,
  run: string,
  acknowledged: Set<string>,
): Promise<void> {
  await waitFor(
    async () => {
      const { rows } = await database.query<{ n: number }>(
        `SELECT count(*)::int AS n FROM interactions WHERE id LIKE $1`,
        [`${run}-%`],
      );
      return rows[0].n >= TOTAL && (await workerLag(database)) === 0 ? true : undefined;
    },
    `all ${TOTAL} interactions applied`,
    600_000,
    500,
  );
  const { rows: interactions } = await database.query<{
    id: string;
    customer_id: string;
    type: InteractionType;
    occurred_at: Date;
    amount: string | null;
    currency: string | null;
  }>(`SELECT id, customer_id, type, occurred_at, amount, currency FROM interactions WHERE id LIKE $1`, [
    `${run}-%`,
  ]);
  // The primary key (business, id) makes a second copy impossible; count what is there.
  expect(interactions).toHaveLength(TOTAL);
  const ids = new Set(interactions.map((row) => row.id));
  for (const id of acknowledged) expect(ids.has(id)).toBe(true);

  const { rows: customers } = await database.query<{
    id: string;
    score: number;
    score_as_of: Date;
    time_zone: string;
    scoring_settings: Record<string, unknown> | null;
  }>(
    `SELECT c.id, c.score, c.score_as_of, b.time_zone, b.scoring_settings
       FROM customers c JOIN businesses b ON b.id = c.business_id WHERE c.external_ref LIKE $1`,
    [`${run}-customer-%`],
  );
  expect(customers).toHaveLength(CUSTOMERS);
  const byCustomer = new Map<string, Interaction[]>();
  for (const row of interactions) {
    const list = byCustomer.get(row.customer_id) ?? [];
    list.push({
      id: row.id,
      type: row.type,
      occurredAt: row.occurred_at,
      ...(row.amount === null ? {} : { amount: Number(row.amount), currency: row.currency ?? undefined }),
    });
    byCustomer.set(row.customer_id, list);
  }
  for (const customer of customers) {
    const settings = resolveScoringSettings(customer.scoring_settings, customer.time_zone);
    const expected = computeScore(byCustomer.get(customer.id) ?? [], settings, customer.score_as_of);
    expect(Math.abs(customer.score - expected)).toBeLessThanOrEqual(1e-6 * Math.max(1, expected));
  }
}

describe('embedded mode survives kill -9 (npm start entry point, real PostgreSQL)', () => {
  let home: string;
  const processes: EmbeddedProcess[] = [];

  beforeEach(async () => {
    home = await mkdtemp(join(tmpdir(), 'ic-crash-'));
    // As root, a 0700 folder would move the data out of it (tested in dev-services); keep it here.
    await chmod(home, 0o755);
  });

  afterEach(async () => {
    for (const running of processes.splice(0)) {
      try {
        process.kill(-running.pid, 'SIGKILL');
      } catch {
        // already gone
      }
    }
    await stopLeftoverPostgres(join(home, 'data'));
    await rm(home, { recursive: true, force: true });
  });

  async function start(env: Record<string, string>): Promise<EmbeddedProcess> {
    const started = await startEmbeddedProcess(env);
    processes.push(started);
    return started;
  }

  it('applies every acknowledged interaction exactly once after a kill -9 while the worker is behind', async () => {
    const env = {
      EMBEDDED_DATA_DIR: join(home, 'data'),
      EMBEDDED_PG_PORT: String(await freePort()),
      PORT: String(await freePort()),
      WORKER_PORT: String(await freePort()),
    };
    let api = await start(env);
    const key = demoKey(api);
    const databaseUrl = /Embedded PostgreSQL: (\S+)/.exec(api.stderr())![1];
    const database = new pg.Client(databaseUrl);
    await database.connect();
    try {
      const run = 'crash';
      const items = generate(run);
      const acknowledged = new Set<string>();
      // A random moment between 20 % and 70 % of the stream, taken only while the worker is behind.
      const killAfter = Math.floor(TOTAL * (0.2 + Math.random() * 0.5));
      const { killed } = await sendUntilKilled(
        items,
        () => api,
        key,
        acknowledged,
        async () => (acknowledged.size >= killAfter ? (await workerLag(database)) > 0 : false),
      );
      expect(killed).toBe(true);
      const lagAtKill = await workerLag(database);
      console.info(`kill -9 after ${acknowledged.size} acknowledged, worker ${lagAtKill} behind`);
      expect(acknowledged.size).toBeGreaterThanOrEqual(killAfter);
      expect(acknowledged.size).toBeLessThan(TOTAL);
      // The embedded PostgreSQL outlived the api (its own process group); the restart adopts it.
      await database.end();

      api = await start(env);
      const again = new pg.Client(databaseUrl);
      await again.connect();
      try {
        // The rest, plus a replay of some acknowledged ones (a client retrying): counted once.
        const rest = items.filter((item) => !acknowledged.has(item.id));
        const replay = items.filter((item) => acknowledged.has(item.id)).slice(0, 500);
        const { killed: killedAgain } = await sendUntilKilled(
          [...rest, ...replay],
          () => api,
          key,
          acknowledged,
          () => Promise.resolve(false),
        );
        expect(killedAgain).toBe(false);
        expect(acknowledged.size).toBe(TOTAL);
        await expectAppliedExactlyOnce(again, run, acknowledged);
      } finally {
        await again.end();
      }
      expect(await api.interrupt()).toBe(0);
    } finally {
      await database.end().catch(() => undefined);
    }
  }, 900_000);

  it('a second api refuses to start its own PostgreSQL, says how to share it, and sharing it survives a kill -9', async () => {
    const env = {
      EMBEDDED_DATA_DIR: join(home, 'data'),
      EMBEDDED_PG_PORT: String(await freePort()),
      PORT: String(await freePort()),
      WORKER_PORT: String(await freePort()),
    };
    const first = await start(env);
    const key = demoKey(first);
    const databaseUrl = /Embedded PostgreSQL: (\S+)/.exec(first.stderr())![1];

    // Same data folder: refused at once, with the way to share it.
    const refused = await startEmbeddedProcess({ ...env, PORT: String(await freePort()) }).then(
      () => undefined,
      (error: Error) => error.message,
    );
    expect(refused).toContain(`already runs the embedded PostgreSQL in ${env.EMBEDDED_DATA_DIR}`);
    expect(refused).toContain(`DATABASE_URL=${databaseUrl}`);

    // Following that advice: a second api (and embedded worker) on the same database.
    const secondEnv = {
      DATABASE_URL: databaseUrl,
      PORT: String(await freePort()),
      WORKER_PORT: String(await freePort()),
    };
    let second = await start(secondEnv);
    const database = new pg.Client(databaseUrl);
    await database.connect();
    try {
      const run = 'shared';
      const items = generate(run);
      const acknowledged = new Set<string>();
      let turn = 0;
      const killAfter = Math.floor(TOTAL * (0.2 + Math.random() * 0.5));
      // Alternate the two apis; kill -9 the second while the workers are behind.
      const { killed } = await sendUntilKilled(
        items,
        () => (turn++ % 2 === 0 ? first : second),
        key,
        acknowledged,
        async () => (acknowledged.size >= killAfter ? (await workerLag(database)) > 0 : false),
        () => second,
      );
      expect(killed).toBe(true);
      console.info(`second api killed after ${acknowledged.size} acknowledged`);
      expect(acknowledged.size).toBeLessThan(TOTAL);

      second = await start(secondEnv);
      const rest = items.filter((item) => !acknowledged.has(item.id));
      await sendUntilKilled(
        rest,
        () => (turn++ % 2 === 0 ? first : second),
        key,
        acknowledged,
        () => Promise.resolve(false),
      );
      expect(acknowledged.size).toBe(TOTAL);
      await expectAppliedExactlyOnce(database, run, acknowledged);
      await database.end();
      expect(await second.interrupt()).toBe(0);
      expect(await first.interrupt()).toBe(0);
    } finally {
      await database.end().catch(() => undefined);
    }
  }, 900_000);
});
