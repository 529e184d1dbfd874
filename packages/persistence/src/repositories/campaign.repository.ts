import type { DataSource } from 'typeorm';
import type { Transaction } from '../transaction-runner.js';
import type { TierEntity } from '../entities/tier.entity.js';
import { isUuid } from './is-uuid.js';
import { TierRepository } from './tier.repository.js';

/** A campaign as stored; the audience kind is implied by which audience column is set. */
export interface CampaignRow {
  id: string;
  businessId: string;
  name: string;
  description: string | null;
  status: string;
  startsAt: Date | null;
  endsAt: Date | null;
  audienceMinRank: number | null;
  audienceTierIds: string[] | null;
  capTotal: number | null;
  capPerCustomer: number | null;
  capPerPeriod: number | null;
  capPeriod: string | null;
  redeemedCount: number;
  createdAt: Date;
  updatedAt: Date;
  /** created_at in epoch microseconds: exact, unlike Date, so keyset cursors never skip or repeat rows. */
  createdAtMicros: number;
}

/** What a client may set; counters and timestamps are the database's. */
export type CampaignFields = Pick<
  CampaignRow,
  | 'name'
  | 'description'
  | 'status'
  | 'startsAt'
  | 'endsAt'
  | 'audienceMinRank'
  | 'audienceTierIds'
  | 'capTotal'
  | 'capPerCustomer'
  | 'capPerPeriod'
  | 'capPeriod'
>;

export interface CampaignPageQuery {
  first: number;
  status?: string;
  /** The last row of the previous page (newest first). */
  after?: { createdAtMicros: number; id: string };
}

interface RawCampaignRow {
  id: string;
  business_id: string;
  name: string;
  description: string | null;
  status: string;
  starts_at: Date | null;
  ends_at: Date | null;
  audience_min_rank: number | null;
  audience_tier_ids: string[] | null;
  cap_total: number | null;
  cap_per_customer: number | null;
  cap_per_period: number | null;
  cap_period: string | null;
  redeemed_count: number;
  created_at: Date;
  updated_at: Date;
  created_at_micros: string;
}

const COLUMNS = `id, business_id, name, description, status, starts_at, ends_at, audience_min_rank,
  audience_tier_ids, cap_total, cap_per_customer, cap_per_period, cap_period, redeemed_count,
  created_at, updated_at, (extract(epoch from created_at) * 1000000)::bigint AS created_at_micros`;

function toRow(raw: RawCampaignRow): CampaignRow {
  return {
    id: raw.id,
    businessId: raw.business_id,
    name: raw.name,
    description: raw.description,
    status: raw.status,
    startsAt: raw.starts_at,
    endsAt: raw.ends_at,
    audienceMinRank: raw.audience_min_rank,
    audienceTierIds: raw.audience_tier_ids,
    capTotal: raw.cap_total,
    capPerCustomer: raw.cap_per_customer,
    capPerPeriod: raw.cap_per_period,
    capPeriod: raw.cap_period,
    redeemedCount: raw.redeemed_count,
    createdAt: raw.created_at,
    updatedAt: raw.updated_at,
    createdAtMicros: Number(raw.created_at_micros),
  };
}

function fieldValues(fields: CampaignFields): unknown[] {
  return [
    fields.name,
    fields.description,
    fields.status,
    fields.startsAt,
    fields.endsAt,
    fields.audienceMinRank,
    fields.audienceTierIds,
    fields.capTotal,
    fields.capPerCustomer,
    fields.capPerPeriod,
    fields.capPeriod,
  ];
}

/** Every statement names the business, so another tenant's id behaves like an unknown one. */
export class CampaignRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(businessId: string, fields: CampaignFields): Promise<CampaignRow> {
    const rows: RawCampaignRow[] = await this.dataSource.query(
      `INSERT INTO campaigns (business_id, name, description, status, starts_at, ends_at, audience_min_rank,
                              audience_tier_ids, cap_total, cap_per_customer, cap_per_period, cap_period)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8::uuid[], $9, $10, $11, $12)
       RETURNING ${COLUMNS}`,
      [businessId, ...fieldValues(fields)],
    );
    return toRow(rows[0]);
  }

  async findById(
    businessId: string,
    id: string,
    transaction: Transaction = this.dataSource.manager,
  ): Promise<CampaignRow | null> {
    if (!isUuid(id)) return null;
    const rows: RawCampaignRow[] = await transaction.query(
      `SELECT ${COLUMNS} FROM campaigns WHERE business_id = $1 AND id = $2`,
      [businessId, id],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async findByIds(businessId: string, ids: readonly string[]): Promise<CampaignRow[]> {
    const valid = ids.filter((id) => isUuid(id));
    if (!valid.length) return [];
    const rows: RawCampaignRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM campaigns WHERE business_id = $1 AND id = ANY($2::uuid[])`,
      [businessId, valid],
    );
    return rows.map(toRow);
  }

  /** Locks the row until the transaction ends: edits and status changes of one campaign serialise. */
  async lockById(transaction: Transaction, businessId: string, id: string): Promise<CampaignRow | null> {
    if (!isUuid(id)) return null;
    const rows: RawCampaignRow[] = await transaction.query(
      `SELECT ${COLUMNS} FROM campaigns WHERE business_id = $1 AND id = $2 FOR UPDATE`,
      [businessId, id],
    );
    return rows[0] ? toRow(rows[0]) : null;
  }

  async update(
    transaction: Transaction,
    businessId: string,
    id: string,
    fields: CampaignFields,
  ): Promise<CampaignRow> {
    const rows: [RawCampaignRow[], number] = await transaction.query(
      `UPDATE campaigns
          SET name = $3, description = $4, status = $5, starts_at = $6, ends_at = $7, audience_min_rank = $8,
              audience_tier_ids = $9::uuid[], cap_total = $10, cap_per_customer = $11, cap_per_period = $12,
              cap_period = $13, updated_at = now()
        WHERE business_id = $1 AND id = $2
        RETURNING ${COLUMNS}`,
      [businessId, id, ...fieldValues(fields)],
    );
    // TypeORM returns [rows, affected] for an UPDATE … RETURNING on PostgreSQL.
    return toRow(rows[0][0]);
  }

  /**
   * Takes one redemption under the total cap in the statement that counts it, so concurrent
   * redemptions can never overshoot; null when the cap is reached (or the campaign is not the
   * business's). The row stays locked until the transaction ends.
   */
  async takeRedemptionSeat(
    transaction: Transaction,
    businessId: string,
    id: string,
  ): Promise<CampaignRow | null> {
    const result: [RawCampaignRow[], number] = await transaction.query(
      `UPDATE campaigns SET redeemed_count = redeemed_count + 1, updated_at = now()
        WHERE id = $1 AND business_id = $2 AND (cap_total IS NULL OR redeemed_count < cap_total)
        RETURNING ${COLUMNS}`,
      [id, businessId],
    );
    const row = result[0][0];
    return row ? toRow(row) : null;
  }

  /** One page, newest first, plus the count of all matching rows. */
  async listPage(
    businessId: string,
    query: CampaignPageQuery,
  ): Promise<{ rows: CampaignRow[]; totalCount: number }> {
    const status = query.status ?? null;
    const rows: RawCampaignRow[] = await this.dataSource.query(
      `SELECT ${COLUMNS} FROM campaigns
        WHERE business_id = $1 AND ($2::text IS NULL OR status = $2)
          AND ($3::bigint IS NULL
               OR (created_at, id) < (timestamptz 'epoch' + $3::bigint * interval '1 microsecond', $4::uuid))
        ORDER BY created_at DESC, id DESC
        LIMIT $5`,
      [businessId, status, query.after?.createdAtMicros ?? null, query.after?.id ?? null, query.first + 1],
    );
    const counted: { count: string }[] = await this.dataSource.query(
      'SELECT count(*) AS count FROM campaigns WHERE business_id = $1 AND ($2::text IS NULL OR status = $2)',
      [businessId, status],
    );
    return { rows: rows.map(toRow), totalCount: Number(counted[0]?.count ?? 0) };
  }

  /** Tiers named by campaigns (audiences, redemptions), archived ones included, never another business's. */
  findTiersByIds(businessId: string, ids: readonly string[]): Promise<TierEntity[]> {
    const valid = ids.filter((id) => isUuid(id));
    if (!valid.length) return Promise.resolve([]);
    // Through the tier reader: members with their pending seat changes (MEMBERS_OF_T).
    return new TierRepository(this.dataSource).findByIds(businessId, valid);
  }
}
