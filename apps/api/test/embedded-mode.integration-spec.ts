import { spawnSync } from 'node:child_process';
import { chmod, mkdtemp, rm } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { waitFor } from '@inner-circle/dev-services/wait-for';
import {
  CLI,
  demoKey,
  type EmbeddedProcess,
  freePort,
  startEmbeddedProcess,
  stopLeftoverPostgres,
} from './embedded-process';

// `npm start`'s entry point (built) on its embedded PostgreSQL, as a newcomer runs it.

function cli(args: string[], env: Record<string, string>) {
  return spawnSync(process.execPath, [CLI, ...args], {
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', ...env },
    encoding: 'utf8',
    timeout: 180_000,
  });
}

/** The JSON log lines of stdout; anything else there is a bug (human lines go to stderr). */
function logLines(stdout: string): { level: number; msg?: string }[] {
  return stdout
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => JSON.parse(line) as { level: number; msg?: string });
}

describe('embedded mode (npm start entry point, real PostgreSQL)', () => {
  let home: string;
  let env: Record<string, string>;
  let api: EmbeddedProcess | undefined;

  beforeAll(async () => {
    home = await mkdtemp(join(tmpdir(), 'ic-embedded-'));
    await chmod(home, 0o755);
    env = {
      EMBEDDED_DATA_DIR: join(home, 'data'),
      EMBEDDED_PG_PORT: String(await freePort()),
      PORT: String(await freePort()),
      WORKER_PORT: String(await freePort()),
    };
  });

  afterAll(async () => {
    if (api) {
      try {
        process.kill(-api.pid, 'SIGKILL');
      } catch {
        // already stopped
      }
    }
    await stopLeftoverPostgres(env.EMBEDDED_DATA_DIR);
    await rm(home, { recursive: true, force: true });
  });

  it('creates a business and a key from the CLI with no variable set, before any server ran', () => {
    const created = cli(['business:create', '--name', 'First café'], env);
    expect(created.stderr).toBe('');
    expect(created.status).toBe(0);
    const businessId = /\(id ([0-9a-f-]{36})\)/.exec(created.stdout)![1];
    const issued = cli(['api-key:create', '--business', businessId, '--name', 'till'], env);
    expect(issued.status).toBe(0);
    expect(issued.stdout).toMatch(/ic_\S+/);
    // The CLI started the embedded PostgreSQL for itself and stopped it again.
    expect(existsSync(join(env.EMBEDDED_DATA_DIR, 'postmaster.pid'))).toBe(false);
  });

  it('serves GraphQL and /metrics, prints the connection string and demo key on stderr, and stops cleanly on Ctrl-C', async () => {
    api = await startEmbeddedProcess({ ...env, DEMO_SEED: 'true' });
    expect(api.stderr()).toContain(
      `Embedded PostgreSQL: postgres://postgres:postgres@127.0.0.1:${env.EMBEDDED_PG_PORT}/inner_circle`,
    );
    // A business exists already (the CLI's): no demo seed then, so no key printed.
    expect(api.stderr()).not.toMatch(/ic_\S+/);

    // The CLI attaches to the running server's database (no second PostgreSQL).
    const created = cli(['business:create', '--name', 'Second café'], env);
    expect(created.status).toBe(0);
    const key = /(ic_\S+)/.exec(created.stdout)![1];
    const recorded = await api.graphql<{ recordInteractions: { accepted: string[] } }>(
      `mutation($input: RecordInteractionsInput!) { recordInteractions(input: $input) { accepted } }`,
      { input: { interactions: [{ id: 'visit-1', customerExternalRef: 'alice', type: 'VISIT' }] } },
      key,
    );
    expect(recorded.recordInteractions.accepted).toEqual(['visit-1']);

    const metrics = await fetch(`${api.url}/metrics`);
    expect(metrics.status).toBe(200);
    const text = await metrics.text();
    expect(text).toContain('inner_circle_events_consumed_total');
    expect(text).toContain('inner_circle_worker_process_cpu_seconds_total');

    const code = await api.interrupt();
    expect(code).toBe(0);
    const lines = logLines(api.stdout());
    expect(lines.length).toBeGreaterThan(0);
    // Nothing at warn (40) or above on a normal stop.
    expect(lines.filter((line) => line.level >= 40)).toEqual([]);
    const messages = lines.map((line) => line.msg);
    // Loops and consumer first, then the pool; PostgreSQL last (its pid file is gone).
    expect(messages.indexOf('interaction consumer stopped')).toBeGreaterThan(-1);
    expect(messages.indexOf('interaction consumer stopped')).toBeLessThan(
      messages.indexOf('database pool closed'),
    );
    expect(existsSync(join(env.EMBEDDED_DATA_DIR, 'postmaster.pid'))).toBe(false);
    api = undefined;
  }, 300_000);

  it('prints the demo admin key on stderr, never in the log stream, and gives the demo eight weeks of history', async () => {
    const fresh = {
      ...env,
      EMBEDDED_DATA_DIR: join(home, 'demo-data'),
      EMBEDDED_PG_PORT: String(await freePort()),
    };
    api = await startEmbeddedProcess({ ...fresh, DEMO_SEED: 'true' });
    try {
      const key = demoKey(api);
      expect(api.stdout()).not.toContain(key);
      const business = await api.graphql<{ business: { name: string } }>('{ business { name } }', {}, key);
      expect(business.business.name).toBe('Demo Café');

      // The history went through the pipeline: the worker placed customers in every tier, filled
      // the inner circle with a waitlist, and the running campaign was redeemed by tier holders.
      type Demo = {
        customers: { totalCount: number };
        tierLadder: {
          tiers: {
            name: string;
            members: number;
            capacity: number | null;
            waitlist: { totalCount: number };
          }[];
        };
        campaigns: { edges: { node: { name: string; status: string; redeemedCount: number } }[] };
      };
      const demo = await waitFor(
        async () => {
          const data = await api!.graphql<Demo>(
            `{ customers(first: 1) { totalCount }
               tierLadder { tiers { name members capacity waitlist(first: 1) { totalCount } } }
               campaigns(first: 10) { edges { node { name status redeemedCount } } } }`,
            {},
            key,
          );
          const applied = api!.stdout().includes('demo history applied');
          return applied ? data : undefined;
        },
        'the demo history to be applied',
        240_000,
        500,
      );
      expect(demo.customers.totalCount).toBe(320);
      for (const tier of demo.tierLadder.tiers) expect(tier.members).toBeGreaterThan(0);
      const inner = demo.tierLadder.tiers.find((tier) => tier.name === 'Inner Circle')!;
      expect(inner.members).toBe(inner.capacity);
      expect(inner.waitlist.totalCount).toBeGreaterThan(0);
      const winter = demo.campaigns.edges.map((e) => e.node).find((c) => c.name === 'Winter warmers')!;
      expect(winter).toMatchObject({ status: 'ACTIVE' });
      expect(winter.redeemedCount).toBeGreaterThan(0);
      expect(logLines(api.stdout()).filter((line) => line.level >= 40)).toEqual([]);
      expect(await api.interrupt()).toBe(0);
      api = undefined;
    } finally {
      await stopLeftoverPostgres(fresh.EMBEDDED_DATA_DIR);
    }
  }, 300_000);
});
