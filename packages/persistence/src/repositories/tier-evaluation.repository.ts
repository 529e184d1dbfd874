import type { CustomerTierState } from '@inner-circle/domain';
import type { Transaction } from '../transaction-runner.js';

/** A customer's tier state plus the stored score state its current score is computed from. */
export interface EvaluationCustomer {
  customerId: string;
  externalRef: string;
  tierState: CustomerTierState;
  scoreState: Record<string, unknown> | null;
  /** The domain's rank key: every decision reads the score as of now from it (scoreFromRankKey). */
  scoreKey: number;
}

/** The columns a decision changes when it moves no seat (grace, waitlist). */
export interface TierStateUpdate {
  customerId: string;
  graceUntil: Date | null;
  waitlistedForTierId: string | null;
  qualifiedAt: Date | null;
}

export interface WaitlistCandidate {
  customerId: string;
  /** The rank key (score_key): the service reads the score as of now from it. */
  scoreKey: number;
  qualifiedAt: Date | null;
}

/** The customer columns a tier decision reads (see EVALUATION_COLUMNS). */
export interface RawEvaluationRow {
  id: string;
  external_ref: string;
  score: number;
  score_state: Record<string, unknown> | null;
  score_key: number;
  tier_id: string | null;
  tier_since: Date | null;
  grace_until: Date | null;
  waitlisted_for_tier_id: string | null;
  qualified_at: Date | null;
  lock_tier_id: string | null;
  lock_until: Date | null;
  lock_reason: string | null;
}

export interface ReevaluationState {
  ladderVersion: number;
  evaluatedLadderVersion: number;
  cursor: string | null;
}

/** What a tier decision needs of a customer row, for every query that feeds one. */
export const EVALUATION_COLUMNS = `id, external_ref, score, score_state, score_key, tier_id, tier_since, grace_until,
  waitlisted_for_tier_id, qualified_at, lock_tier_id, lock_until, lock_reason`;

/** EVALUATION_COLUMNS but the score state: what a read-only pass over every customer needs. */
const PAGED_COLUMNS = `id, external_ref, score, score_key, tier_id, tier_since, grace_until,
  waitlisted_for_tier_id, qualified_at, lock_tier_id, lock_until, lock_reason`;

/** A customer as a what-if pages through them: the tier state and rank key, no score state. */
/** A business the sweep must visit, and which long jobs it has pending. */
export interface BusinessToSweep {
  id: string;
  /** Scores not yet recomputed under the current scoring version. */
  recompute: boolean;
  /** The current ladder not yet applied to every customer. */
  reevaluate: boolean;
}

export type PagedCustomer = Omit<EvaluationCustomer, 'scoreState'>;

/** Reads and writes of the worker's tier decisions (seat moves go through TierMoveRepository). */
export class TierEvaluationRepository {
  /**
   * Tier states of many customers, locked in id order (the order every writer locks in).
   * `skipLocked` leaves out customers another transaction holds, for callers that already
   * hold tier locks and so must not wait on a customer (its holder may be waiting on them).
   */
  async lockCustomers(
    transaction: Transaction,
    businessId: string,
    customerIds: readonly string[],
    { skipLocked = false }: { skipLocked?: boolean } = {},
  ): Promise<EvaluationCustomer[]> {
    if (!customerIds.length) return [];
    const rows: RawEvaluationRow[] = await transaction.query(
      `SELECT ${EVALUATION_COLUMNS}
         FROM customers
        WHERE business_id = $1 AND id = ANY($2::uuid[]) AND erased_at IS NULL
        ORDER BY id FOR UPDATE${skipLocked ? ' SKIP LOCKED' : ''}`,
      [businessId, customerIds],
    );
    return rows.map(toEvaluationCustomer);
  }

  /**
   * Tier states of the next customers in id order, unlocked (the what-ifs read; they write
   * nothing). No score state: they read the score from the rank key, and a page of parsed
   * score states is most of what a million-customer what-if would allocate.
   */
  async pageCustomers(
    transaction: Transaction,
    businessId: string,
    afterId: string | null,
    limit: number,
  ): Promise<PagedCustomer[]> {
    const rows: RawEvaluationRow[] = await transaction.query(
      `SELECT ${PAGED_COLUMNS} FROM customers
        WHERE business_id = $1 AND erased_at IS NULL AND ($2::uuid IS NULL OR id > $2::uuid)
        ORDER BY id LIMIT $3`,
      [businessId, afterId, limit],
    );
    return rows.map(toPagedCustomer);
  }

  /**
   * The next customers waiting for a tier, in id order, with their tier state (the what-if serves
   * queues from them; paged so a long waitlist is never one result in memory).
   */
  async pageWaiting(
    transaction: Transaction,
    businessId: string,
    afterId: string | null,
    limit: number,
  ): Promise<PagedCustomer[]> {
    const rows: RawEvaluationRow[] = await transaction.query(
      `SELECT ${PAGED_COLUMNS} FROM customers
        WHERE business_id = $1 AND waitlisted_for_tier_id IS NOT NULL AND erased_at IS NULL
          AND ($2::uuid IS NULL OR id > $2::uuid)
        ORDER BY id LIMIT $3`,
      [businessId, afterId, limit],
    );
    return rows.map(toPagedCustomer);
  }

  /** The head of a tier's waitlist in the domain's order (score as of now, i.e. rank key, then earliest qualification, then id). */
  async waitlistHead(
    transaction: Transaction,
    businessId: string,
    tierId: string,
    limit: number,
  ): Promise<WaitlistCandidate[]> {
    const rows: { id: string; score_key: number; qualified_at: Date | null }[] = await transaction.query(
      `SELECT id, score_key, qualified_at FROM customers
        WHERE business_id = $1 AND waitlisted_for_tier_id = $2 AND erased_at IS NULL
        ORDER BY score_key DESC, qualified_at ASC NULLS LAST, id ASC
        LIMIT $3`,
      [businessId, tierId, limit],
    );
    return rows.map((row) => ({
      customerId: row.id,
      scoreKey: row.score_key,
      qualifiedAt: row.qualified_at,
    }));
  }

  /**
   * Businesses with tier work no interaction will trigger: scores not yet recomputed under the
   * current scoring version, a ladder not yet applied to everyone, grace periods that ran out, or a waitlist that may have seats or quota now.
   * Each says which of the long jobs it needs, so an idle sweep does not open a transaction per
   * job only to find it done.
   */
  async businessesToSweep(now: Date, limit: number, transaction: Transaction): Promise<BusinessToSweep[]> {
    const rows: { id: string; recompute: boolean; reevaluate: boolean }[] = await transaction.query(
      `SELECT b.id, b.scoring_version > b.scores_recomputed_version AS recompute,
              b.ladder_version > b.evaluated_ladder_version AS reevaluate
         FROM businesses b
        WHERE b.ladder_version > b.evaluated_ladder_version
           OR b.scoring_version > b.scores_recomputed_version
           OR EXISTS (SELECT 1 FROM customers c WHERE c.business_id = b.id AND c.grace_until <= $1
                        AND c.erased_at IS NULL)
           OR EXISTS (SELECT 1 FROM customers c WHERE c.business_id = b.id
                        AND (c.waitlisted_for_tier_id IS NOT NULL OR c.tier_id IS NOT NULL) AND c.erased_at IS NULL)
        ORDER BY b.id LIMIT $2`,
      [now, limit],
    );
    return rows.map((row) => ({ id: row.id, recompute: row.recompute, reevaluate: row.reevaluate }));
  }

  /**
   * One sweeper per business at a time, across all workers; false when another holds it.
   * Released with the transaction.
   */
  async tryLockBusinessSweep(transaction: Transaction, businessId: string): Promise<boolean> {
    const [row]: { locked: boolean }[] = await transaction.query(
      `SELECT pg_try_advisory_xact_lock(hashtext('tier-sweep:' || $1::text)) AS locked`,
      [businessId],
    );
    return row?.locked ?? false;
  }

  /** Re-evaluation progress, with the business row locked (ladder changes wait for the batch). */
  async lockReevaluation(transaction: Transaction, businessId: string): Promise<ReevaluationState | null> {
    const [row]: {
      ladder_version: number;
      evaluated_ladder_version: number;
      reevaluation_cursor: string | null;
    }[] = await transaction.query(
      `SELECT ladder_version, evaluated_ladder_version, reevaluation_cursor FROM businesses
          WHERE id = $1 FOR UPDATE`,
      [businessId],
    );
    return row
      ? {
          ladderVersion: row.ladder_version,
          evaluatedLadderVersion: row.evaluated_ladder_version,
          cursor: row.reevaluation_cursor,
        }
      : null;
  }

  /** Records a finished batch: its last customer, or (done) the version now applied to everyone. */
  async saveReevaluationProgress(
    transaction: Transaction,
    businessId: string,
    progress: { cursor: string } | { completedVersion: number },
  ): Promise<void> {
    if ('cursor' in progress) {
      await transaction.query('UPDATE businesses SET reevaluation_cursor = $2 WHERE id = $1', [
        businessId,
        progress.cursor,
      ]);
    } else {
      await transaction.query(
        'UPDATE businesses SET evaluated_ladder_version = $2, reevaluation_cursor = NULL WHERE id = $1',
        [businessId, progress.completedVersion],
      );
    }
  }

  /**
   * Members whose score as of now fell below their tier's retain score while no interaction came
   * to trigger a decision (scores fade with time alone). `retainKeys` are the domain's
   * rankKeyForScore(retainScore, now) per tier: SQL only compares the stored key with them.
   */
  async findDecayedBelowRetain(
    businessId: string,
    retainKeys: ReadonlyMap<string, number>,
    limit: number,
    transaction: Transaction,
  ): Promise<string[]> {
    if (!retainKeys.size) return [];
    // A range of customers_business_tier_score_key per tier, lowest keys first: only the faded
    // are read, however many members the tier has (was a walk of the whole business).
    const rows: { id: string }[] = await transaction.query(
      `SELECT f.id FROM unnest($2::uuid[], $3::float8[]) AS t(tier_id, retain_key)
         CROSS JOIN LATERAL (
           SELECT c.id FROM customers c
            WHERE c.business_id = $1 AND c.tier_id = t.tier_id AND c.score_key < t.retain_key
              AND c.grace_until IS NULL AND c.lock_tier_id IS NULL AND c.erased_at IS NULL
            ORDER BY c.score_key LIMIT $4
         ) f
        ORDER BY f.id LIMIT $4`,
      [businessId, [...retainKeys.keys()], [...retainKeys.values()], limit],
    );
    return rows.map((row) => row.id);
  }

  /**
   * Customers whose grace ran out by `now` and whose score as of now is below their tier's retain
   * score (the sweep downgrades them). A member whose grace is spent but who is above retain again
   * stays until the score falls below it: grace is not refunded by a bounce.
   */
  async findGraceExpired(
    businessId: string,
    now: Date,
    retainKeys: ReadonlyMap<string, number>,
    limit: number,
    transaction: Transaction,
  ): Promise<string[]> {
    const rows: { id: string }[] = await transaction.query(
      `SELECT c.id FROM customers c
         LEFT JOIN unnest($3::uuid[], $4::float8[]) AS t(tier_id, retain_key) ON t.tier_id = c.tier_id
        WHERE c.business_id = $1 AND c.grace_until IS NOT NULL AND c.grace_until <= $2 AND c.erased_at IS NULL
          AND (t.retain_key IS NULL OR c.score_key < t.retain_key)
        ORDER BY c.id LIMIT $5`,
      [businessId, now, [...retainKeys.keys()], [...retainKeys.values()], limit],
    );
    return rows.map((row) => row.id);
  }

  /** Next customers after `afterId` (id order), for resumable re-evaluation of a whole business. */
  async nextCustomerIds(
    businessId: string,
    afterId: string | null,
    limit: number,
    transaction: Transaction,
  ): Promise<string[]> {
    const rows: { id: string }[] = await transaction.query(
      `SELECT id FROM customers
        WHERE business_id = $1 AND erased_at IS NULL AND ($2::uuid IS NULL OR id > $2::uuid)
        ORDER BY id LIMIT $3`,
      [businessId, afterId, limit],
    );
    return rows.map((row) => row.id);
  }
}

export function toEvaluationCustomer(row: RawEvaluationRow): EvaluationCustomer {
  return { ...toPagedCustomer(row), scoreState: row.score_state };
}

function toPagedCustomer(row: RawEvaluationRow): PagedCustomer {
  return {
    customerId: row.id,
    externalRef: row.external_ref,
    scoreKey: row.score_key,
    tierState: {
      tierId: row.tier_id,
      since: row.tier_since,
      score: row.score,
      graceUntil: row.grace_until,
      waitlistedForTierId: row.waitlisted_for_tier_id,
      qualifiedAt: row.qualified_at,
      lock:
        row.lock_tier_id === null
          ? null
          : { tierId: row.lock_tier_id, until: row.lock_until, reason: row.lock_reason ?? '' },
    },
  };
}
