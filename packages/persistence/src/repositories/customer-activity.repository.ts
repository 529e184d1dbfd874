import type { DataSource } from 'typeorm';
import type { Transaction } from '../transaction-runner.js';

export interface CustomerInteractionRecord {
  id: string;
  customerId: string;
  type: string;
  occurredAt: Date;
  amount: number | null;
  currency: string | null;
  rating: number | null;
  comment: string | null;
  referredCustomerRef: string | null;
  campaignId: string | null;
}

export interface TierChangeRecord {
  id: string;
  customerId: string;
  fromTierId: string | null;
  toTierId: string | null;
  direction: string;
  reason: string;
  score: number;
  occurredAt: Date;
}

interface RawInteractionRow {
  id: string;
  customer_id: string;
  type: string;
  occurred_at: Date;
  amount: string | null;
  currency: string | null;
  rating: number | null;
  comment: string | null;
  referred_customer_ref: string | null;
  campaign_id: string | null;
}

const INTERACTION_COLUMNS =
  'i.id, i.customer_id, i.type, i.occurred_at, i.amount, i.currency, i.rating, i.comment, i.referred_customer_ref, i.campaign_id';

/**
 * What the api shows about customers beyond their own row, always for many customers at
 * once (DataLoader batches): one statement per batch whatever the page size.
 */
export class CustomerActivityRepository {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * How many interactions of the business are stored (applied by the worker): the embedded demo
   * waits on it to know its history has gone through the pipeline.
   */
  async countInteractions(businessId: string): Promise<number> {
    const rows: { count: string }[] = await this.dataSource.query(
      'SELECT count(*) AS count FROM interactions WHERE business_id = $1',
      [businessId],
    );
    return Number(rows[0]?.count ?? 0);
  }

  /** The newest `limit` interactions of each customer, newest first. */
  async recentInteractions(
    businessId: string,
    customerIds: readonly string[],
    limit: number,
  ): Promise<CustomerInteractionRecord[]> {
    const rows: RawInteractionRow[] = await this.dataSource.query(
      `SELECT ${INTERACTION_COLUMNS}
         FROM unnest($2::uuid[]) AS wanted(customer_id)
         CROSS JOIN LATERAL (
           SELECT * FROM interactions
            WHERE business_id = $1 AND customer_id = wanted.customer_id
            ORDER BY occurred_at DESC, id DESC
            LIMIT $3
         ) AS i`,
      [businessId, customerIds, limit],
    );
    return rows.map(toInteractionRecord);
  }

  /**
   * Every interaction of the customers: score explanations, and the worker's recompute (inside
   * its transaction, so the batch's own new interactions are included).
   */
  async allInteractions(
    businessId: string,
    customerIds: readonly string[],
    transaction: Transaction = this.dataSource.manager,
  ): Promise<CustomerInteractionRecord[]> {
    const rows: RawInteractionRow[] = await transaction.query(
      `SELECT ${INTERACTION_COLUMNS} FROM interactions i
        WHERE i.business_id = $1 AND i.customer_id = ANY($2::uuid[])`,
      [businessId, customerIds],
    );
    return rows.map(toInteractionRecord);
  }

  /** The newest `limit` tier changes of each customer, newest first. */
  async tierHistory(
    businessId: string,
    customerIds: readonly string[],
    limit: number,
  ): Promise<TierChangeRecord[]> {
    const rows: {
      id: string;
      customer_id: string;
      from_tier_id: string | null;
      to_tier_id: string | null;
      direction: string;
      reason: string;
      score: number;
      occurred_at: Date;
    }[] = await this.dataSource.query(
      `SELECT t.id, t.customer_id, t.from_tier_id, t.to_tier_id, t.direction, t.reason, t.score, t.occurred_at
         FROM unnest($2::uuid[]) AS wanted(customer_id)
         CROSS JOIN LATERAL (
           SELECT * FROM tier_changes
            WHERE business_id = $1 AND customer_id = wanted.customer_id
            ORDER BY occurred_at DESC, id DESC
            LIMIT $3
         ) AS t`,
      [businessId, customerIds, limit],
    );
    return rows.map((row) => ({
      id: row.id,
      customerId: row.customer_id,
      fromTierId: row.from_tier_id,
      toTierId: row.to_tier_id,
      direction: row.direction,
      reason: row.reason,
      score: row.score,
      occurredAt: row.occurred_at,
    }));
  }
}

function toInteractionRecord(row: RawInteractionRow): CustomerInteractionRecord {
  return {
    id: row.id,
    customerId: row.customer_id,
    type: row.type,
    occurredAt: row.occurred_at,
    // numeric arrives as text to keep its precision; amounts here are 14,2 so a double is exact enough.
    amount: row.amount === null ? null : Number(row.amount),
    currency: row.currency,
    rating: row.rating,
    comment: row.comment,
    referredCustomerRef: row.referred_customer_ref,
    campaignId: row.campaign_id,
  };
}
