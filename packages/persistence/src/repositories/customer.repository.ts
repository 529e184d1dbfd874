import type { DataSource } from 'typeorm';
import type { Transaction } from '../transaction-runner.js';
import {
  EVALUATION_COLUMNS,
  type EvaluationCustomer,
  type RawEvaluationRow,
  toEvaluationCustomer,
} from './tier-evaluation.repository.js';

/**
 * What the scoring path reads: the score state and, so the tier decision that follows needs
 * no second read, the tier state. No entity hydration on the hot path.
 */
export interface CustomerScoreRow extends EvaluationCustomer {
  lastInteractionAt: Date | null;
  /** Erased (GDPR): interactions still count as history, but the customer holds no tier again. */
  erased: boolean;
}

export interface CustomerScoreUpdate {
  id: string;
  score: number;
  scoreAsOf: Date | null;
  scoreState: Record<string, unknown>;
  /** The domain's rank key (scoreRankKey): what every "best first" order reads. */
  scoreKey: number;
  /** Null keeps the stored value (a recompute does not know of interactions that earned nothing). */
  lastInteractionAt: Date | null;
}

interface RawScoreRow extends RawEvaluationRow {
  last_interaction_at: Date | null;
  erased: boolean;
}

export class CustomerRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Creates the customers not seen before (partners may send interactions before an
   * import) and locks all of them, in id order so concurrent batches cannot deadlock.
   */
  async lockOrCreateByRefs(
    transaction: Transaction,
    businessId: string,
    externalRefs: string[],
  ): Promise<CustomerScoreRow[]> {
    await transaction.query(
      `INSERT INTO customers (business_id, external_ref)
       SELECT $1, ref FROM unnest($2::text[]) AS ref
       ON CONFLICT (business_id, external_ref) DO NOTHING`,
      [businessId, externalRefs],
    );
    const rows: RawScoreRow[] = await transaction.query(
      `SELECT ${EVALUATION_COLUMNS}, last_interaction_at, erased_at IS NOT NULL AS erased FROM customers
        WHERE business_id = $1 AND external_ref = ANY($2::text[])
        ORDER BY id FOR UPDATE`,
      [businessId, externalRefs],
    );
    return rows.map((row) => ({
      ...toEvaluationCustomer(row),
      lastInteractionAt: row.last_interaction_at,
      erased: row.erased,
    }));
  }

  /** One statement for the whole batch, never reaching outside the business. */
  async updateScores(
    transaction: Transaction,
    businessId: string,
    updates: CustomerScoreUpdate[],
  ): Promise<void> {
    if (!updates.length) return;
    await transaction.query(
      `UPDATE customers AS c
          SET score = v.score, score_as_of = v.score_as_of, score_state = v.score_state,
              score_key = v.score_key, last_interaction_at = COALESCE(v.last_interaction_at, c.last_interaction_at),
              updated_at = now()
         FROM unnest($1::uuid[], $2::float8[], $3::timestamptz[], $4::jsonb[], $5::timestamptz[], $7::float8[])
              AS v(id, score, score_as_of, score_state, last_interaction_at, score_key)
        WHERE c.id = v.id AND c.business_id = $6`,
      [
        updates.map((u) => u.id),
        updates.map((u) => u.score),
        updates.map((u) => u.scoreAsOf),
        updates.map((u) => JSON.stringify(u.scoreState)),
        updates.map((u) => u.lastInteractionAt),
        businessId,
        updates.map((u) => u.scoreKey),
      ],
    );
  }

  /** For reads outside the hot path (tests, the api). */
  async findScore(businessId: string, externalRef: string): Promise<{ id: string; score: number } | null> {
    const rows: { id: string; score: number }[] = await this.dataSource.query(
      'SELECT id, score FROM customers WHERE business_id = $1 AND external_ref = $2',
      [businessId, externalRef],
    );
    return rows[0] ?? null;
  }
}
