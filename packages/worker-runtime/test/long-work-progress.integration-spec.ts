import { randomUUID } from 'node:crypto';
import { LADDER_BATCH_SIZE } from '@inner-circle/domain';
import { waitFor } from '@inner-circle/dev-services/wait-for';
import { BusinessRepository, TierRepository, TransactionRunner } from '@inner-circle/persistence';
import type { DataSource } from 'typeorm';
import { newTier } from './new-tier';
import { startWorkerServices, type WorkerServices } from './worker-services';

const CUSTOMERS = 2 * LADDER_BATCH_SIZE + 200;

interface ProgressRow {
  version: number;
  customers_done: number;
  customers_total: number;
  started_at: Date;
  finished_at: Date | null;
}

describe('the sweep records how far its long work got', () => {
  let worker: WorkerServices;
  let dataSource: DataSource;

  beforeAll(async () => {
    worker = await startWorkerServices();
    dataSource = worker.dataSource;
  });

  afterAll(() => dataSource.destroy());

  async function newBusinessWithCustomers(count: number): Promise<string> {
    const businessId = (await new BusinessRepository(dataSource).create({ name: `Café ${randomUUID()}` })).id;
    await new TierRepository(dataSource).createMany(businessId, [newTier({ entryScore: 5, retainScore: 4 })]);
    await dataSource.query(
      `INSERT INTO customers (business_id, external_ref) SELECT $1, 'c' || g FROM generate_series(1, $2) g`,
      [businessId, count],
    );
    return businessId;
  }

  /** What setTierLadder does to the business row: a new version, applied from the first customer. */
  async function raiseLadderVersion(businessId: string): Promise<number> {
    const [[row]]: [{ ladder_version: number }[], number] = await dataSource.query(
      `UPDATE businesses SET ladder_version = ladder_version + 1, reevaluation_cursor = NULL
        WHERE id = $1 RETURNING ladder_version`,
      [businessId],
    );
    return row.ladder_version;
  }

  async function progressOf(businessId: string, kind: string): Promise<ProgressRow | undefined> {
    const [row]: ProgressRow[] = await dataSource.query(
      `SELECT version, customers_done, customers_total, started_at, finished_at
         FROM long_work_progress WHERE business_id = $1 AND kind = $2`,
      [businessId, kind],
    );
    return row;
  }

  /** Sweeps until the job's run of `version` is finished. */
  async function sweepUntilFinished(
    sweeper: WorkerServices,
    businessId: string,
    kind: string,
    version: number,
  ): Promise<ProgressRow> {
    return waitFor(
      async () => {
        await sweeper.sweep.sweepOnce();
        const row = await progressOf(businessId, kind);
        return row?.version === version && row.finished_at ? row : undefined;
      },
      `the ${kind} run of version ${version} to finish`,
      120_000,
    );
  }

  it('counts every customer of a ladder application, and resumes with the right count after a crash mid-way', async () => {
    const businessId = await newBusinessWithCustomers(CUSTOMERS);
    const version = await raiseLadderVersion(businessId);

    // The worker dies during its second batch: that batch's transaction rolls back with its count.
    const realEvaluate = worker.evaluation.evaluate.bind(worker.evaluation);
    let ourBatches = 0;
    const crash = jest.spyOn(worker.evaluation, 'evaluate').mockImplementation(async (...args) => {
      if (args[1] === businessId && ++ourBatches === 2) throw new Error('worker killed mid-way');
      return realEvaluate(...args);
    });
    await waitFor(
      async () => {
        await worker.sweep.sweepOnce().catch((error: unknown) => {
          if (!(error instanceof Error && error.message === 'worker killed mid-way')) throw error;
        });
        return ourBatches >= 2 ? true : undefined;
      },
      'the sweep to crash in its second batch',
      120_000,
    );
    crash.mockRestore();

    const midway = await progressOf(businessId, 'TIER_LADDER');
    expect(midway).toMatchObject({
      version,
      customers_done: LADDER_BATCH_SIZE,
      customers_total: CUSTOMERS,
      finished_at: null,
    });

    // A customer created meanwhile, after the cursor (ids are swept in order): done passes the first count.
    await dataSource.query(`INSERT INTO customers (id, business_id, external_ref) VALUES ($1, $2, 'late')`, [
      `ffffffff-${randomUUID().slice(9)}`,
      businessId,
    ]);

    // Another worker process (a restart) resumes from the cursor.
    const restarted = await startWorkerServices();
    try {
      const finished = await sweepUntilFinished(restarted, businessId, 'TIER_LADDER', version);
      expect(finished).toMatchObject({ customers_done: CUSTOMERS + 1, customers_total: CUSTOMERS + 1 });
      expect(finished.started_at).toEqual(midway!.started_at);
      expect(finished.finished_at!.getTime()).toBeGreaterThanOrEqual(finished.started_at.getTime());
    } finally {
      await restarted.dataSource.destroy();
    }
    const [business]: { evaluated_ladder_version: number }[] = await dataSource.query(
      'SELECT evaluated_ladder_version FROM businesses WHERE id = $1',
      [businessId],
    );
    expect(business.evaluated_ladder_version).toBe(version);
  });

  it('starts over, counting from the first customer, when the ladder changes again mid-run', async () => {
    const businessId = await newBusinessWithCustomers(CUSTOMERS);
    const first = await raiseLadderVersion(businessId);
    // The first version gets one batch in before the owner saves another ladder.
    const realEvaluate = worker.evaluation.evaluate.bind(worker.evaluation);
    let ourBatches = 0;
    const stop = jest.spyOn(worker.evaluation, 'evaluate').mockImplementation(async (...args) => {
      if (args[1] === businessId && ++ourBatches === 2) throw new Error('ladder changed meanwhile');
      return realEvaluate(...args);
    });
    await waitFor(
      async () => {
        await worker.sweep.sweepOnce().catch((error: unknown) => {
          if (!(error instanceof Error && error.message === 'ladder changed meanwhile')) throw error;
        });
        return ourBatches >= 2 ? true : undefined;
      },
      'one batch of the first version',
      120_000,
    );
    stop.mockRestore();
    expect(await progressOf(businessId, 'TIER_LADDER')).toMatchObject({
      version: first,
      customers_done: LADDER_BATCH_SIZE,
    });

    const second = await raiseLadderVersion(businessId);
    const finished = await sweepUntilFinished(worker, businessId, 'TIER_LADDER', second);
    expect(finished).toMatchObject({ customers_done: CUSTOMERS, customers_total: CUSTOMERS });
  });

  it('starts a new run for each new version, and closes a run that had no customer', async () => {
    const businessId = await newBusinessWithCustomers(0);
    const first = await raiseLadderVersion(businessId);
    const empty = await sweepUntilFinished(worker, businessId, 'TIER_LADDER', first);
    expect(empty).toMatchObject({ customers_done: 0, customers_total: 0 });

    await dataSource.query(
      `INSERT INTO customers (business_id, external_ref) SELECT $1, 'c' || g FROM generate_series(1, 30) g`,
      [businessId],
    );
    const second = await raiseLadderVersion(businessId);
    const done = await sweepUntilFinished(worker, businessId, 'TIER_LADDER', second);
    expect(done).toMatchObject({ version: second, customers_done: 30, customers_total: 30 });
  });

  it('counts every customer of a score recompute after a change of scoring settings', async () => {
    const businessId = await newBusinessWithCustomers(CUSTOMERS);
    const businesses = new BusinessRepository(dataSource);
    const version = await new TransactionRunner(dataSource).run(async (tx) => {
      await businesses.lockScoringSettings(tx, businessId);
      return businesses.saveScoringSettings(tx, businessId, { halfLifeDays: 60 });
    });
    const finished = await sweepUntilFinished(worker, businessId, 'SCORE_RECOMPUTE', version);
    expect(finished).toMatchObject({ customers_done: CUSTOMERS, customers_total: CUSTOMERS });
  });
});
