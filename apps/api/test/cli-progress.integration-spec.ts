import { spawn, spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { waitFor } from '@inner-circle/dev-services/wait-for';
import { TierSweepService } from '@inner-circle/worker-runtime';
import { DataSource } from 'typeorm';
import { type ApiTestApp, startApiTestApp } from './api-test-app';

const CLI = join(__dirname, '..', 'dist', 'cli.js');
const SET_LADDER = `mutation($input: SetTierLadderInput!) { setTierLadder(input: $input) { version } }`;
const LADDER = {
  timeZone: 'UTC',
  tiers: [{ name: 'Regulars', rank: 1, entryScore: 5, retainScore: 3, graceDays: 0 }],
};
const env = () => ({ PATH: process.env.PATH ?? '', DATABASE_URL: process.env.TEST_DATABASE_URL! });

describe('cli progress', () => {
  let api: ApiTestApp;
  let db: DataSource;

  beforeAll(async () => {
    api = await startApiTestApp();
    db = api.app.get(DataSource);
  });

  afterAll(() => api.close());

  async function businessWithCustomers(count: number) {
    const business = await api.createBusiness('Progress café');
    await db.query(
      `INSERT INTO customers (business_id, external_ref) SELECT $1, 'c' || g FROM generate_series(1, $2) g`,
      [business.businessId, count],
    );
    return business;
  }

  it('prints the queued ladder, then with --wait follows it until the worker is done', async () => {
    const { businessId, key } = await businessWithCustomers(1_234);
    // The sweep's per-business lock, held as a sweeper busy elsewhere would: the ladder stays queued.
    const lock = db.createQueryRunner();
    await lock.connect();
    await lock.query(`SELECT pg_advisory_lock(hashtext('tier-sweep:' || $1::text))`, [businessId]);
    let waiting: ReturnType<typeof spawn> | undefined;
    let released = false;
    const release = async () => {
      if (released) return;
      released = true;
      await lock.query(`SELECT pg_advisory_unlock(hashtext('tier-sweep:' || $1::text))`, [businessId]);
      await lock.release();
    };
    try {
      const set = await api.graphql<{ setTierLadder: { version: number } }>(SET_LADDER, {
        key,
        variables: { input: LADDER },
      });
      const version = set.data!.setTierLadder.version;

      const once = spawnSync(process.execPath, [CLI, 'progress', '--business', businessId], {
        env: env(),
        encoding: 'utf8',
        timeout: 60_000,
      });
      expect(once.stderr).toBe('');
      expect(once.status).toBe(0);
      expect(once.stdout).toBe(`ladder v${version}: queued, 1,234 customers\nscores: no run recorded\n`);

      const child = spawn(process.execPath, [CLI, 'progress', '--business', businessId, '--wait'], {
        env: env(),
      });
      waiting = child;
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
      await waitFor(
        () => Promise.resolve(stdout.includes('queued') ? true : undefined),
        'the waiting cli to print the queued ladder',
        60_000,
      );

      await release();
      const sweep = api.app.get(TierSweepService);
      await waitFor(
        async () => {
          await sweep.sweepOnce();
          const [row] = await db.query(
            'SELECT evaluated_ladder_version = ladder_version AS done FROM businesses WHERE id = $1',
            [businessId],
          );
          return row.done ? true : undefined;
        },
        'the sweep to apply the ladder',
        60_000,
      );
      expect(await exited).toBe(0);
      expect(stderr).toBe('');
      const lines = stdout.trim().split('\n');
      expect(lines[0]).toBe(`ladder v${version}: queued, 1,234 customers`);
      expect(lines.at(-1)).toMatch(
        new RegExp(`^ladder v${version}: 1,234 / 1,234 \\(100%\\) done at \\d{4}-\\d\\d-\\d\\dT`),
      );
    } finally {
      // On a failure above, the waiting cli would poll on after the suite.
      if (waiting && waiting.exitCode === null) waiting.kill();
      await release();
    }
  });

  it.each([
    [['progress'], /--business <business id>/],
    [['progress', '--business', 'nope'], /--business <business id>/],
  ])('rejects %p with a usage message', (args, message) => {
    const result = spawnSync(process.execPath, [CLI, ...args], {
      env: env(),
      encoding: 'utf8',
      timeout: 30_000,
    });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(message);
  });
});
