import type { DataSource } from 'typeorm';
import { TierEntity } from '../entities/tier.entity.js';
import { MEMBERS_OF_T } from './tier.repository.js';

/** A tier row as the tiers repository returns it, so the API maps it with the one tier mapper. */
export type InsightTier = TierEntity;

export interface TierDistributionRow {
  /** Null: customers holding no tier. */
  tier: InsightTier | null;
  customers: number;
}

export interface GrowthWeek {
  start: Date;
  end: Date;
}

export interface InnerCircleGrowthRow {
  weekStart: Date;
  joined: number;
  left: number;
  /** Members at the end of the week (or now, for the current week), replayed from the history. */
  members: number;
}

export interface TierEngagementRow {
  tier: InsightTier;
  members: number;
  /** Members with at least two purchases. */
  repeatPurchasers: number;
  averageFeedbackRating: number | null;
}

export interface TopReferrerRow {
  customerId: string;
  externalRef: string;
  name: string | null;
  referrals: number;
}

interface RawTier {
  tier_id: string | null;
  tier_business_id: string | null;
  tier_name: string | null;
  tier_rank: number | null;
  entry_score: number | null;
  retain_score: number | null;
  capacity: number | null;
  tier_members: number | null;
  quota_limit: number | null;
  quota_period: 'WEEK' | 'MONTH' | null;
  grace_days: number | null;
  benefits: string | null;
  archived_at: Date | null;
}

const TIER_COLUMNS = `t.id AS tier_id, t.business_id AS tier_business_id, t.name AS tier_name, t.rank AS tier_rank,
                      t.entry_score, t.retain_score, t.capacity, ${MEMBERS_OF_T}, t.quota_limit, t.quota_period,
                      t.grace_days, t.benefits, t.archived_at`;

/**
 * Read-only aggregates over one business: each method is one SQL statement whose every
 * table access is filtered by business_id, so another tenant's rows are never counted.
 * Erased customers (GDPR) are left out of every figure.
 */
export class InsightsRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Customers per tier: every active tier (0 included), any archived tier still held, and "no tier" first. */
  async tierDistribution(businessId: string): Promise<TierDistributionRow[]> {
    const rows: (RawTier & { customers: number })[] = await this.dataSource.query(
      `WITH counts AS (
         SELECT tier_id, count(*)::int AS customers
           FROM customers
          WHERE business_id = $1 AND erased_at IS NULL
          GROUP BY tier_id
       )
       SELECT * FROM (
         SELECT NULL::uuid AS tier_id, NULL::uuid AS tier_business_id, NULL::text AS tier_name,
                NULL::int AS tier_rank, NULL::float8 AS entry_score, NULL::float8 AS retain_score,
                NULL::int AS capacity, NULL::int AS tier_members, NULL::int AS quota_limit,
                NULL::text AS quota_period, NULL::int AS grace_days, NULL::text AS benefits,
                NULL::timestamptz AS archived_at,
                coalesce((SELECT customers FROM counts WHERE tier_id IS NULL), 0) AS customers
         UNION ALL
         SELECT ${TIER_COLUMNS}, coalesce(counts.customers, 0)
           FROM tiers t
           LEFT JOIN counts ON counts.tier_id = t.id
          WHERE t.business_id = $1 AND (t.archived_at IS NULL OR counts.customers IS NOT NULL)
       ) AS distribution
       ORDER BY tier_rank NULLS FIRST, archived_at NULLS FIRST, tier_id`,
      [businessId],
    );
    return rows.map((row) => ({ tier: toTier(row), customers: row.customers }));
  }

  /**
   * Joins, leaves and members of the highest-rank active tier per given week, from the tier
   * history. Members are the net joins up to the week's end, so the figure for a past week is
   * what it was then, not what it is now.
   */
  async innerCircleGrowth(businessId: string, weeks: GrowthWeek[]): Promise<InnerCircleGrowthRow[]> {
    if (!weeks.length) return [];
    const rows: { week_start: Date; joined: number; left_count: number; members: number }[] =
      await this.dataSource.query(
        `WITH top_tier AS (
           SELECT id FROM tiers
            WHERE business_id = $1 AND archived_at IS NULL
            ORDER BY rank DESC
            LIMIT 1
         ), weeks AS (
           SELECT * FROM unnest($2::timestamptz[], $3::timestamptz[]) AS w(week_start, week_end)
         ), moves AS (
           SELECT tc.occurred_at,
                  (tc.to_tier_id IS NOT DISTINCT FROM top_tier.id)::int
                    - (tc.from_tier_id IS NOT DISTINCT FROM top_tier.id)::int AS delta
             FROM tier_changes tc, top_tier
            WHERE tc.business_id = $1
              AND tc.occurred_at < (SELECT max(week_end) FROM weeks)
              AND (tc.to_tier_id = top_tier.id OR tc.from_tier_id = top_tier.id)
              AND tc.to_tier_id IS DISTINCT FROM tc.from_tier_id
         )
         SELECT w.week_start,
                count(m.delta) FILTER (WHERE m.delta > 0 AND m.occurred_at >= w.week_start)::int AS joined,
                count(m.delta) FILTER (WHERE m.delta < 0 AND m.occurred_at >= w.week_start)::int AS left_count,
                coalesce(sum(m.delta), 0)::int AS members
           FROM weeks w
           LEFT JOIN moves m ON m.occurred_at < w.week_end
          GROUP BY w.week_start
          ORDER BY w.week_start`,
        [businessId, weeks.map((week) => week.start), weeks.map((week) => week.end)],
      );
    return rows.map((row) => ({
      weekStart: row.week_start,
      joined: row.joined,
      left: row.left_count,
      members: row.members,
    }));
  }

  /**
   * Per active tier, over its current members: how many bought at least twice, and the
   * average rating of all their feedback (null without any).
   */
  async engagementByTier(businessId: string): Promise<TierEngagementRow[]> {
    const rows: (RawTier & {
      members: number;
      repeat_purchasers: number;
      average_feedback_rating: number | null;
    })[] = await this.dataSource.query(
      `WITH member_stats AS (
         SELECT c.id, c.tier_id,
                count(i.id) FILTER (WHERE i.type = 'PURCHASE') AS purchases,
                sum(i.rating) FILTER (WHERE i.type = 'FEEDBACK') AS rating_sum,
                count(i.rating) FILTER (WHERE i.type = 'FEEDBACK') AS ratings
           FROM customers c
           LEFT JOIN interactions i ON i.business_id = $1 AND i.customer_id = c.id
          WHERE c.business_id = $1 AND c.tier_id IS NOT NULL AND c.erased_at IS NULL
          GROUP BY c.id
       )
       SELECT ${TIER_COLUMNS},
              count(s.id)::int AS members,
              count(s.id) FILTER (WHERE s.purchases >= 2)::int AS repeat_purchasers,
              (sum(s.rating_sum)::float8 / nullif(sum(s.ratings), 0)) AS average_feedback_rating
         FROM tiers t
         LEFT JOIN member_stats s ON s.tier_id = t.id
        WHERE t.business_id = $1 AND t.archived_at IS NULL
        GROUP BY t.id
        ORDER BY t.rank`,
      [businessId],
    );
    return rows.map((row) => ({
      tier: toTier(row)!,
      members: row.members,
      repeatPurchasers: row.repeat_purchasers,
      averageFeedbackRating: row.average_feedback_rating,
    }));
  }

  /** Customers who referred the most (REFERRAL interactions they made), ties by customer id. */
  async topReferrers(businessId: string, limit: number): Promise<TopReferrerRow[]> {
    const rows: { id: string; external_ref: string; name: string | null; referrals: number }[] =
      await this.dataSource.query(
        `SELECT c.id, c.external_ref, c.name, r.referrals
           FROM (SELECT customer_id, count(*)::int AS referrals
                   FROM interactions
                  WHERE business_id = $1 AND type = 'REFERRAL'
                  GROUP BY customer_id) AS r
           JOIN customers c ON c.id = r.customer_id AND c.business_id = $1 AND c.erased_at IS NULL
          ORDER BY r.referrals DESC, c.id
          LIMIT $2`,
        [businessId, limit],
      );
    return rows.map((row) => ({
      customerId: row.id,
      externalRef: row.external_ref,
      name: row.name,
      referrals: row.referrals,
    }));
  }
}

function toTier(row: RawTier): InsightTier | null {
  if (row.tier_id === null) return null;
  return Object.assign(new TierEntity(), {
    id: row.tier_id,
    businessId: row.tier_business_id!,
    name: row.tier_name!,
    rank: row.tier_rank!,
    entryScore: row.entry_score!,
    retainScore: row.retain_score!,
    capacity: row.capacity,
    memberCount: row.tier_members!,
    quotaLimit: row.quota_limit,
    quotaPeriod: row.quota_period,
    graceDays: row.grace_days!,
    benefits: row.benefits,
    archivedAt: row.archived_at,
  });
}
