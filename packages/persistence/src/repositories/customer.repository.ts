import type { DataSource } from 'typeorm';
import type { Transaction } from '../transaction-runner.js';
import type { NewInteraction } from './interaction.repository.js';
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

/** An interaction of a batch, named by its customer's externalRef (the customer may not exist yet). */
export type RefInteraction = Omit<NewInteraction, 'businessId' | 'customerId'> & { customerRef: string };

export interface RecordedBatch {
  /** Every customer the batch names, created if new, locked. */
  customers: CustomerScoreRow[];
  /** Per customer id: the ids of the interactions recorded now (not seen before). */
  recorded: Map<string, Set<string>>;
}

const SCORE_COLUMNS = `${EVALUATION_COLUMNS}, last_interaction_at, erased_at IS NOT NULL AS erased`;
/** A statement that misses customers created concurrently runs again for them; more than this is a bug. */
const MAX_RECORD_PASSES = 5;

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

  /**
   * The ingest's first write, in one statement per batch: creates the customers not seen before
   * (partners may send interactions before an import), locks every customer named (existing ones
   * in id order, so concurrent batches cannot deadlock), and records the interactions not
   * recorded before (the primary key is the dedupe record). One statement sees one snapshot: a
   * customer another transaction created meanwhile is neither created nor seen here, so the
   * statement runs again for those refs alone (rare: a ref's events share a partition).
   */
  async lockOrCreateRecording(
    transaction: Transaction,
    businessId: string,
    interactions: RefInteraction[],
  ): Promise<RecordedBatch> {
    const batch: RecordedBatch = { customers: [], recorded: new Map() };
    let pending = interactions;
    for (let pass = 0; pending.length; pass++) {
      if (pass === MAX_RECORD_PASSES)
        throw new Error('customers of a batch could be neither created nor found');
      const refs = [...new Set(pending.map((i) => i.customerRef))].sort();
      const rows: (RawScoreRow & { recorded: string[] | null })[] = await transaction.query(
        `WITH created AS (
           INSERT INTO customers (business_id, external_ref)
           SELECT $1, ref FROM unnest($2::text[]) AS ref
           ON CONFLICT (business_id, external_ref) DO NOTHING
           RETURNING ${SCORE_COLUMNS}
         ), existing AS (
           SELECT ${SCORE_COLUMNS} FROM customers
            WHERE business_id = $1 AND external_ref = ANY($2::text[])
            ORDER BY id FOR UPDATE
         ), named AS (
           SELECT * FROM created UNION ALL SELECT * FROM existing
         ), recorded AS (
           INSERT INTO interactions (business_id, id, customer_id, type, occurred_at, amount, currency, rating,
                                     comment, referred_customer_ref, campaign_id)
           SELECT $1, e.id, n.id, e.type, e.occurred_at, e.amount, e.currency, e.rating, e.comment,
                  e.referred_customer_ref, e.campaign_id
             FROM unnest($3::text[], $4::text[], $5::text[], $6::timestamptz[], $7::numeric[], $8::text[],
                         $9::smallint[], $10::text[], $11::text[], $12::uuid[])
                  AS e(customer_ref, id, type, occurred_at, amount, currency, rating, comment,
                       referred_customer_ref, campaign_id)
             JOIN named n ON n.external_ref = e.customer_ref
           ON CONFLICT (business_id, id) DO NOTHING
           RETURNING customer_id, id
         )
         SELECT n.*, r.ids AS recorded
           FROM named n
           LEFT JOIN (SELECT customer_id, array_agg(id) AS ids FROM recorded GROUP BY customer_id) r
             ON r.customer_id = n.id`,
        [
          businessId,
          refs,
          pending.map((i) => i.customerRef),
          pending.map((i) => i.id),
          pending.map((i) => i.type),
          pending.map((i) => i.occurredAt),
          pending.map((i) => i.amount),
          pending.map((i) => i.currency),
          pending.map((i) => i.rating),
          pending.map((i) => i.comment),
          pending.map((i) => i.referredCustomerRef),
          pending.map((i) => i.campaignId),
        ],
      );
      const found = new Set<string>();
      for (const row of rows) {
        found.add(row.external_ref);
        batch.customers.push({
          ...toEvaluationCustomer(row),
          lastInteractionAt: row.last_interaction_at,
          erased: row.erased,
        });
        if (row.recorded?.length) batch.recorded.set(row.id, new Set(row.recorded));
      }
      pending = pending.filter((i) => !found.has(i.customerRef));
    }
    return batch;
  }

  /** One statement for the whole batch, never reaching outside the business. */
  async updateScores(
    transaction: Transaction,
    businessId: string,
    updates: readonly CustomerScoreUpdate[],
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
