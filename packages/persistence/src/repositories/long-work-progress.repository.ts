import type { LongWorkRun, LongWorkSnapshot } from '@inner-circle/domain';
import type { DataSource } from 'typeorm';
import type { LongWorkKind } from '../entities/long-work-progress.entity.js';
import type { Transaction } from '../transaction-runner.js';

/** The business columns that say which version a job must reach and which it reached. */
const VERSIONS: Record<LongWorkKind, { target: string; applied: string }> = {
  TIER_LADDER: { target: 'ladder_version', applied: 'evaluated_ladder_version' },
  SCORE_RECOMPUTE: { target: 'scoring_version', applied: 'scores_recomputed_version' },
};

interface RawRun {
  version: number;
  customers_done: number;
  customers_total: number;
  started_at: Date;
  finished_at: Date | null;
}

/** One run of a job, written by the sweep in the transaction of each batch. */
export interface LongWorkRunKey {
  businessId: string;
  kind: LongWorkKind;
  version: number;
}

/**
 * Progress of the whole-business jobs (long_work_progress): the sweep records each batch in its
 * own transaction, the api and the CLI read it.
 */
export class LongWorkProgressRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Counts a batch of the run of `version`. The first batch of a version (or the first after an
   * upgrade) starts the run: every customer is counted, and those up to the batch's last one
   * (id order, the sweep's order) are done.
   */
  async recordBatch(
    transaction: Transaction,
    run: LongWorkRunKey,
    batch: { size: number; lastCustomerId: string },
    at: Date,
  ): Promise<void> {
    const [, advanced]: [unknown, number] = await transaction.query(
      `UPDATE long_work_progress
          SET customers_done = customers_done + $4,
              customers_total = GREATEST(customers_total, customers_done + $4)
        WHERE business_id = $1 AND kind = $2 AND version = $3 AND finished_at IS NULL`,
      [run.businessId, run.kind, run.version, batch.size],
    );
    if (advanced) return;
    await transaction.query(
      `INSERT INTO long_work_progress AS p
              (business_id, kind, version, customers_done, customers_total, started_at, finished_at)
       SELECT $1, $2, $3, count(*) FILTER (WHERE id <= $4::uuid), count(*), $5, NULL
         FROM customers WHERE business_id = $1 AND erased_at IS NULL
       ON CONFLICT (business_id, kind) DO UPDATE
          SET version = EXCLUDED.version, customers_done = EXCLUDED.customers_done,
              customers_total = EXCLUDED.customers_total, started_at = EXCLUDED.started_at, finished_at = NULL`,
      [run.businessId, run.kind, run.version, batch.lastCustomerId, at],
    );
  }

  /**
   * Closes the run of `version`: the total becomes the count done (customers erased meanwhile
   * were never reached). A version with no batch (no customers) gets a run that starts and ends now.
   */
  async finish(transaction: Transaction, run: LongWorkRunKey, at: Date): Promise<void> {
    await transaction.query(
      `INSERT INTO long_work_progress AS p
              (business_id, kind, version, customers_done, customers_total, started_at, finished_at)
       VALUES ($1, $2, $3, 0, 0, $4, $4)
       ON CONFLICT (business_id, kind) DO UPDATE
          SET customers_total = CASE WHEN p.version = EXCLUDED.version THEN p.customers_done ELSE 0 END,
              customers_done = CASE WHEN p.version = EXCLUDED.version THEN p.customers_done ELSE 0 END,
              started_at = CASE WHEN p.version = EXCLUDED.version THEN p.started_at ELSE EXCLUDED.started_at END,
              version = EXCLUDED.version, finished_at = EXCLUDED.finished_at`,
      [run.businessId, run.kind, run.version, at],
    );
  }

  /**
   * What is stored about a job of a business: the versions, the newest run, and (only while the
   * newest version is queued) the customers there are now. Null when it is not a business.
   */
  async findSnapshot(
    businessId: string,
    kind: LongWorkKind,
    transaction: Transaction = this.dataSource.manager,
  ): Promise<LongWorkSnapshot | null> {
    const { target, applied } = VERSIONS[kind];
    const [row]: (Partial<RawRun> & {
      target_version: number;
      applied_version: number;
      customers_now: string | null;
    })[] = await transaction.query(
      `SELECT b.${target} AS target_version, b.${applied} AS applied_version,
              p.version, p.customers_done, p.customers_total, p.started_at, p.finished_at,
              CASE WHEN b.${target} > b.${applied} AND p.version IS DISTINCT FROM b.${target}
                   THEN (SELECT count(*) FROM customers c WHERE c.business_id = b.id AND c.erased_at IS NULL)
              END AS customers_now
         FROM businesses b
         LEFT JOIN long_work_progress p ON p.business_id = b.id AND p.kind = $2
        WHERE b.id = $1`,
      [businessId, kind],
    );
    if (!row) return null;
    return {
      targetVersion: row.target_version,
      appliedVersion: row.applied_version,
      run: row.version === null || row.version === undefined ? null : toRun(row as RawRun),
      customersNow: row.customers_now === null ? null : Number(row.customers_now),
    };
  }
}

function toRun(row: RawRun): LongWorkRun {
  return {
    version: row.version,
    customersDone: row.customers_done,
    customersTotal: row.customers_total,
    startedAt: row.started_at,
    finishedAt: row.finished_at,
  };
}
