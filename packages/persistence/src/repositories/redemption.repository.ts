import type { DataSource } from 'typeorm';
import type { Transaction } from '../transaction-runner.js';
import {
  type CustomerRecord,
  customerRecordColumns,
  type RawCustomerRow,
  toCustomerRecord,
} from './customer-record.js';
import { isUuid } from './is-uuid.js';

export interface RedemptionRow {
  id: string;
  businessId: string;
  campaignId: string;
  customerId: string;
  idempotencyKey: string;
  tierId: string | null;
  periodKey: string | null;
  createdAt: Date;
}

/** A redemption with its customer, as a campaign's "who redeemed" page lists it. */
export interface CampaignRedemptionRow {
  redemption: RedemptionRow;
  customer: CustomerRecord;
  /** created_at in PostgreSQL's text form (full microsecond precision) for the page cursor. */
  createdAtKey: string;
}

/** The last row of the previous page: newest first, then id. */
export interface CampaignRedemptionCursor {
  createdAtKey: string;
  redemptionId: string;
}

export type NewRedemption = Omit<RedemptionRow, 'id' | 'createdAt'>;

/** The redeeming customer, locked; `tierRank` is null without a tier. */
export interface RedeemingCustomer {
  id: string;
  tierId: string | null;
  tierRank: number | null;
  /** The business's IANA zone, in which per-period caps count. */
  businessTimeZone: string;
}

export interface RedemptionCountByTier {
  campaignId: string;
  tierId: string | null;
  count: number;
}

interface RawRedemptionRow {
  id: string;
  business_id: string;
  campaign_id: string;
  customer_id: string;
  idempotency_key: string;
  tier_id: string | null;
  period_key: string | null;
  created_at: Date;
}

const COLUMNS = 'id, business_id, campaign_id, customer_id, idempotency_key, tier_id, period_key, created_at';

function toRow(raw: RawRedemptionRow): RedemptionRow {
  return {
    id: raw.id,
    businessId: raw.business_id,
    campaignId: raw.campaign_id,
    customerId: raw.customer_id,
    idempotencyKey: raw.idempotency_key,
    tierId: raw.tier_id,
    periodKey: raw.period_key,
    createdAt: raw.created_at,
  };
}

export class RedemptionRepository {
  constructor(private readonly dataSource: DataSource) {}

  async findByIdempotencyKey(
    businessId: string,
    idempotencyKey: string,
    transaction: Transaction = this.dataSource.manager,
  ): Promise<RedemptionRow | null> {
    const rows: RawRedemptionRow[] = await transaction.query(
      `SELECT ${COLUMNS} FROM redemptions WHERE business_id = $1 AND idempotency_key = $2`,
      [businessId, idempotencyKey],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /**
   * Locks the customer row so one customer's redemptions run one at a time (the per-customer
   * cap is then read and enforced without a race). Erased customers cannot redeem.
   */
  async lockCustomer(
    transaction: Transaction,
    businessId: string,
    customerId: string,
  ): Promise<RedeemingCustomer | null> {
    if (!isUuid(customerId)) return null;
    const rows: { id: string; tier_id: string | null; tier_rank: number | null; time_zone: string }[] =
      await transaction.query(
        `SELECT c.id, c.tier_id, t.rank AS tier_rank, b.time_zone
         FROM customers c
         JOIN businesses b ON b.id = c.business_id
         LEFT JOIN tiers t ON t.id = c.tier_id AND t.business_id = c.business_id
        WHERE c.business_id = $1 AND c.id = $2 AND c.erased_at IS NULL
        FOR UPDATE OF c`,
        [businessId, customerId],
      );
    const row = rows[0];
    return row
      ? { id: row.id, tierId: row.tier_id, tierRank: row.tier_rank, businessTimeZone: row.time_zone }
      : null;
  }

  /** This customer's redemptions of the campaign, and everyone's under `periodKey` (0 when null). */
  async countUsage(
    transaction: Transaction,
    businessId: string,
    campaignId: string,
    customerId: string,
    periodKey: string | null,
  ): Promise<{ byCustomer: number; inPeriod: number }> {
    const rows: { by_customer: string; in_period: string }[] = await transaction.query(
      `SELECT
         (SELECT count(*) FROM redemptions
           WHERE business_id = $1 AND campaign_id = $2 AND customer_id = $3) AS by_customer,
         (SELECT count(*) FROM redemptions
           WHERE business_id = $1 AND campaign_id = $2 AND $4::text IS NOT NULL AND period_key = $4) AS in_period`,
      [businessId, campaignId, customerId, periodKey],
    );
    return { byCustomer: Number(rows[0]?.by_customer ?? 0), inPeriod: Number(rows[0]?.in_period ?? 0) };
  }

  /**
   * Inserts unless the idempotency key is taken; null then. A concurrent insert of the same key
   * makes PostgreSQL wait for that transaction, so null means the other one committed.
   */
  async insertUnlessKeyTaken(
    transaction: Transaction,
    redemption: NewRedemption,
  ): Promise<RedemptionRow | null> {
    const rows: RawRedemptionRow[] = await transaction.query(
      `INSERT INTO redemptions (business_id, campaign_id, customer_id, idempotency_key, tier_id, period_key)
       VALUES ($1, $2, $3, $4, $5, $6)
       ON CONFLICT (business_id, idempotency_key) DO NOTHING
       RETURNING ${COLUMNS}`,
      [
        redemption.businessId,
        redemption.campaignId,
        redemption.customerId,
        redemption.idempotencyKey,
        redemption.tierId,
        redemption.periodKey,
      ],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  /** The latest `limit` redemptions of each customer, newest first, in one statement. */
  async findRecentByCustomers(
    businessId: string,
    customerIds: readonly string[],
    limit: number,
  ): Promise<RedemptionRow[]> {
    const valid = customerIds.filter((id) => isUuid(id));
    if (!valid.length) return [];
    const rows: RawRedemptionRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM (
         SELECT r.*, row_number() OVER (PARTITION BY customer_id ORDER BY created_at DESC, id DESC) AS n
           FROM redemptions r
          WHERE business_id = $1 AND customer_id = ANY($2::uuid[])
       ) ranked
       WHERE n <= $3
       ORDER BY customer_id, created_at DESC, id DESC`,
      [businessId, valid, limit],
    );
    return rows.map(toRow);
  }

  /**
   * One page of each campaign's redemptions with the redeeming customer, newest first, in one
   * statement for every campaign of a request (a page of campaigns costs one query).
   */
  async listByCampaigns(
    businessId: string,
    campaignIds: readonly string[],
    limit: number,
    after: CampaignRedemptionCursor | null,
  ): Promise<CampaignRedemptionRow[]> {
    const valid = campaignIds.filter((id) => isUuid(id));
    if (!valid.length) return [];
    const rows: (RawCustomerRow &
      Record<`r_${keyof RawRedemptionRow}`, string | Date | null> & { created_at_key: string })[] =
      await this.dataSource.query(
        `SELECT ${customerRecordColumns('c')},
                r.id AS r_id, r.business_id AS r_business_id, r.campaign_id AS r_campaign_id,
                r.customer_id AS r_customer_id, r.idempotency_key AS r_idempotency_key,
                r.tier_id AS r_tier_id, r.period_key AS r_period_key, r.created_at AS r_created_at,
                r.created_at::text AS created_at_key
           FROM (
             SELECT x.*, row_number() OVER (PARTITION BY x.campaign_id ORDER BY x.created_at DESC, x.id DESC) AS n
               FROM redemptions x
              WHERE x.business_id = $1 AND x.campaign_id = ANY($2::uuid[])
                AND ($4::timestamptz IS NULL OR x.created_at < $4
                     OR (x.created_at = $4 AND x.id < $5::uuid))
           ) r
           JOIN customers c ON c.business_id = r.business_id AND c.id = r.customer_id
          WHERE r.n <= $3
          ORDER BY r.campaign_id, r.created_at DESC, r.id DESC`,
        [businessId, valid, limit, after?.createdAtKey ?? null, after?.redemptionId ?? null],
      );
    return rows.map((row) => ({
      redemption: toRow({
        id: row.r_id as string,
        business_id: row.r_business_id as string,
        campaign_id: row.r_campaign_id as string,
        customer_id: row.r_customer_id as string,
        idempotency_key: row.r_idempotency_key as string,
        tier_id: row.r_tier_id as string | null,
        period_key: row.r_period_key as string | null,
        created_at: row.r_created_at as Date,
      }),
      customer: toCustomerRecord(row),
      createdAtKey: row.created_at_key,
    }));
  }

  /** Redemptions per campaign and tier (null tier = redeemed without one). */
  async countByTier(businessId: string, campaignIds: readonly string[]): Promise<RedemptionCountByTier[]> {
    if (!campaignIds.length) return [];
    const rows: { campaign_id: string; tier_id: string | null; count: string }[] =
      await this.dataSource.query(
        `SELECT campaign_id, tier_id, count(*) AS count FROM redemptions
        WHERE business_id = $1 AND campaign_id = ANY($2::uuid[])
        GROUP BY campaign_id, tier_id
        ORDER BY campaign_id, count(*) DESC, tier_id`,
        [businessId, campaignIds],
      );
    return rows.map((row) => ({
      campaignId: row.campaign_id,
      tierId: row.tier_id,
      count: Number(row.count),
    }));
  }

  /** Redemptions per campaign counted under the given period key of each campaign. */
  async countInPeriods(
    businessId: string,
    periods: readonly { campaignId: string; periodKey: string }[],
  ): Promise<Map<string, number>> {
    if (!periods.length) return new Map();
    const rows: { campaign_id: string; count: string }[] = await this.dataSource.query(
      `SELECT r.campaign_id, count(*) AS count
         FROM redemptions r
         JOIN unnest($2::uuid[], $3::text[]) AS p(campaign_id, period_key)
           ON p.campaign_id = r.campaign_id AND p.period_key = r.period_key
        WHERE r.business_id = $1
        GROUP BY r.campaign_id`,
      [businessId, periods.map((p) => p.campaignId), periods.map((p) => p.periodKey)],
    );
    return new Map(rows.map((row) => [row.campaign_id, Number(row.count)]));
  }
}
