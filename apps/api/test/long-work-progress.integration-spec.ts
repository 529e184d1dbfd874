import { waitFor } from '@inner-circle/dev-services/wait-for';
import { TierSweepService } from '@inner-circle/worker-runtime';
import { DataSource, type QueryRunner } from 'typeorm';
import { ApiKeyScope } from '../src/auth/api-key-scope';
import { type ApiTestApp, startApiTestApp } from './api-test-app';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- response shapes are checked by the assertions
type Json = any;

const PROGRESS = `version customersDone customersTotal percentDone startedAt finishedAt estimatedFinishAt estimatedSecondsLeft`;
const SET_LADDER = `mutation($input: SetTierLadderInput!) { setTierLadder(input: $input) { version application { ${PROGRESS} } } }`;
const APPLICATION = `{ tierLadder { version application { ${PROGRESS} } } }`;
const SET_SETTINGS = `mutation($input: ScoringSettingsInput!) { setScoringSettings(input: $input) { version recompute { ${PROGRESS} } } }`;
const RECOMPUTE = `{ scoringSettings { version recompute { ${PROGRESS} } } }`;
const LADDER = {
  timeZone: 'UTC',
  tiers: [{ name: 'Regulars', rank: 1, entryScore: 5, retainScore: 3, graceDays: 0 }],
};
const CUSTOMERS = 30;

describe('progress of long work over HTTP GraphQL', () => {
  let api: ApiTestApp;
  let db: DataSource;

  beforeAll(async () => {
    // The embedded worker hosts the sweep (its timer may run too: tests hold its lock when they must).
    api = await startApiTestApp();
    db = api.app.get(DataSource);
  });

  afterAll(() => api.close());

  async function businessWithCustomers(scopes?: ApiKeyScope[]) {
    const business = await api.createBusiness('Progress café', scopes);
    await db.query(
      `INSERT INTO customers (business_id, external_ref) SELECT $1, 'c' || g FROM generate_series(1, $2) g`,
      [business.businessId, CUSTOMERS],
    );
    return business;
  }

  /** Holds the sweep's per-business lock, as a sweeper busy elsewhere would: the work stays queued. */
  async function holdSweep(businessId: string): Promise<QueryRunner> {
    const runner = db.createQueryRunner();
    await runner.connect();
    await runner.query(`SELECT pg_advisory_lock(hashtext('tier-sweep:' || $1::text))`, [businessId]);
    return runner;
  }

  async function release(runner: QueryRunner, businessId: string): Promise<void> {
    await runner.query(`SELECT pg_advisory_unlock(hashtext('tier-sweep:' || $1::text))`, [businessId]);
    await runner.release();
  }

  async function sweepUntil(query: string, key: string, done: (data: Json) => boolean): Promise<Json> {
    const sweep = api.app.get(TierSweepService);
    return waitFor(
      async () => {
        await sweep.sweepOnce();
        const response = await api.graphql<Json>(query, { key });
        expect(response.errors).toBeUndefined();
        return done(response.data) ? response.data : undefined;
      },
      'the long work to finish',
      60_000,
    );
  }

  it('shows a new ladder queued, then applied to every customer', async () => {
    const { businessId, key } = await businessWithCustomers();
    const before = await api.graphql<Json>(APPLICATION, { key });
    expect(before.data.tierLadder).toEqual({ version: 0, application: null });

    const lock = await holdSweep(businessId);
    let version: number;
    try {
      const set = await api.graphql<Json>(SET_LADDER, { key, variables: { input: LADDER } });
      expect(set.errors).toBeUndefined();
      version = set.data.setTierLadder.version;
      expect(set.data.setTierLadder.application).toEqual({
        version,
        customersDone: 0,
        customersTotal: CUSTOMERS,
        percentDone: 0,
        startedAt: null,
        finishedAt: null,
        estimatedFinishAt: null,
        estimatedSecondsLeft: null,
      });
    } finally {
      await release(lock, businessId);
    }

    const data = await sweepUntil(APPLICATION, key, (d) => Boolean(d.tierLadder.application?.finishedAt));
    const application = data.tierLadder.application;
    expect(application).toMatchObject({
      version,
      customersDone: CUSTOMERS,
      customersTotal: CUSTOMERS,
      percentDone: 100,
      estimatedSecondsLeft: 0,
      estimatedFinishAt: application.finishedAt,
    });
    expect(Date.parse(application.finishedAt)).toBeGreaterThanOrEqual(Date.parse(application.startedAt));
  });

  it('estimates the finish of a running application from its rate so far', async () => {
    const { businessId, key } = await businessWithCustomers();
    await api.graphql(SET_LADDER, { key, variables: { input: LADDER } });
    await sweepUntil(APPLICATION, key, (d) => Boolean(d.tierLadder.application?.finishedAt));
    // A third of the customers done in the 40 s since the start: twice that again to go.
    await db.query(
      `UPDATE long_work_progress SET customers_done = 10, customers_total = 30, finished_at = NULL,
              started_at = now() - interval '40 seconds'
        WHERE business_id = $1 AND kind = 'TIER_LADDER'`,
      [businessId],
    );
    const asked = Date.now();
    const response = await api.graphql<Json>(APPLICATION, { key });
    const answered = Date.now();
    const application = response.data.tierLadder.application;
    expect(application).toMatchObject({
      customersDone: 10,
      customersTotal: 30,
      percentDone: 33,
      finishedAt: null,
    });
    // finish = start + 3 × (now − start): the server's `now` falls within the request.
    const start = Date.parse(application.startedAt);
    const serverNow = start + (Date.parse(application.estimatedFinishAt) - start) / 3;
    expect(serverNow).toBeGreaterThanOrEqual(asked - 1_000);
    expect(serverNow).toBeLessThanOrEqual(answered + 1_000);
    // Whole seconds of the two thirds to go (within a second of rounding).
    expect(Math.abs(application.estimatedSecondsLeft - (2 * (serverNow - start)) / 1000)).toBeLessThanOrEqual(
      1,
    );
  });

  it('shows a score recompute after a change of scoring settings, readable with the scoring settings’ scope only', async () => {
    const { businessId, key } = await businessWithCustomers();
    const lock = await holdSweep(businessId);
    let version: number;
    try {
      const set = await api.graphql<Json>(SET_SETTINGS, { key, variables: { input: { halfLifeDays: 45 } } });
      expect(set.errors).toBeUndefined();
      version = set.data.setScoringSettings.version;
      expect(set.data.setScoringSettings.recompute).toMatchObject({
        version,
        customersDone: 0,
        customersTotal: CUSTOMERS,
        startedAt: null,
      });
    } finally {
      await release(lock, businessId);
    }
    const data = await sweepUntil(RECOMPUTE, key, (d) => Boolean(d.scoringSettings.recompute?.finishedAt));
    expect(data.scoringSettings.recompute).toMatchObject({
      version,
      customersDone: CUSTOMERS,
      customersTotal: CUSTOMERS,
      percentDone: 100,
    });

    const { key: till } = await api.createBusiness('Till only', [ApiKeyScope.InteractionsWrite]);
    const refused = await api.graphql<Json>(RECOMPUTE, { key: till });
    expect(refused.errors?.[0]?.extensions.code).toBe('FORBIDDEN');
  });
});
