import { periodKey, type TierLadder, type TierOccupancy } from '@inner-circle/domain';
import type { DataSource } from 'typeorm';
import type { Transaction } from '../transaction-runner.js';
import { TierEntity } from '../entities/tier.entity.js';
import {
  type CustomerRecord,
  customerRecordColumns,
  type RawCustomerRow,
  toCustomerRecord,
} from './customer-record.js';

export type NewTier = Pick<
  TierEntity,
  | 'name'
  | 'rank'
  | 'entryScore'
  | 'retainScore'
  | 'capacity'
  | 'quotaLimit'
  | 'quotaPeriod'
  | 'graceDays'
  | 'benefits'
> &
  Partial<Pick<TierEntity, 'admissionMode'>>;

/** A tier as a ladder change writes it; `id` is the existing tier's, or a new one's chosen by the caller. */
export type LadderTierRow = NewTier & { id: string };

export interface LadderRows {
  version: number;
  timeZone: string;
  /** Active tiers, lowest rank first. */
  tiers: TierEntity[];
}

/** Active tiers with how many customers wait for each (tiers nobody waits for are absent). */
export interface LadderWithQueues extends LadderRows {
  waitlisted: ReadonlyMap<string, number>;
}

/** A ladder whose seat counts are exact for the rest of the transaction. */
export interface LockedLadder extends LadderWithQueues {
  /** Every tier row this transaction holds: the active ones and the held tiers asked for. */
  lockedTierIds: ReadonlySet<string>;
}

/**
 * What a batch reads of each business before it takes any lock: scoring settings, ladder and
 * queues as of the read. Good for scoring and for telling whether a tier decision may be
 * needed at all; a decision that moves seats reads the ladder again under its locks.
 */
export interface BusinessSnapshot extends LadderWithQueues {
  scoringSettings: Record<string, unknown> | null;
}

export interface LadderChange {
  /** Existing tiers updated in place (their member_count is left alone). */
  keep: LadderTierRow[];
  create: LadderTierRow[];
  archiveIds: string[];
  /** New business time zone, or undefined to keep it. */
  timeZone?: string;
}

export interface WaitlistCursor {
  /** The rank key (score_key) of the last row seen. */
  scoreKey: number;
  /** WaitlistRow.qualifiedAtKey of the last row seen (full timestamp precision). */
  qualifiedAtKey: string | null;
  customerId: string;
}

export interface WaitlistRow {
  tierId: string;
  /** Score (stored) and qualifiedAt are on the record. */
  customer: CustomerRecord;
  /** qualifiedAt as PostgreSQL text, microseconds kept, for cursors. */
  qualifiedAtKey: string | null;
  /** 1-based place in the tier's whole waitlist. */
  rank: number;
}

interface RawTier {
  id: string;
  business_id: string;
  name: string;
  rank: number;
  entry_score: number;
  retain_score: number;
  capacity: number | null;
  member_count: number;
  /** member_count with the tier's pending seat changes (MEMBERS_OF_T). */
  tier_members: number;
  quota_limit: number | null;
  quota_period: 'WEEK' | 'MONTH' | null;
  grace_days: number;
  benefits: string | null;
  admission_mode: 'CONTINUOUS' | 'ROUNDS';
  round_held_for: string | null;
  archived_at: Date | null;
}

export class TierRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The business's current ladder, lowest rank first (members with their pending seat changes). */
  async listActive(businessId: string): Promise<TierEntity[]> {
    const rows: RawTier[] = await this.dataSource.query(
      `SELECT t.*, ${MEMBERS_OF_T} FROM tiers t WHERE t.business_id = $1 AND t.archived_at IS NULL ORDER BY t.rank`,
      [businessId],
    );
    return rows.map(toTierEntity);
  }

  async createMany(
    businessId: string,
    tiers: NewTier[],
    manager: Transaction = this.dataSource.manager,
  ): Promise<TierEntity[]> {
    return manager
      .getRepository(TierEntity)
      .save(tiers.map((tier) => ({ ...tier, businessId, memberCount: 0 })));
  }

  /** Version, time zone and active tiers in one statement; null when the business does not exist. */
  async findLadder(businessId: string, transaction?: Transaction): Promise<LadderRows | null> {
    return this.readLadder(transaction ?? this.dataSource.manager, businessId, 'none');
  }

  /**
   * The same, with the business row locked for the rest of the transaction: ladder changes
   * and locks of one business are serialised, so versions never interleave.
   */
  lockLadder(transaction: Transaction, businessId: string): Promise<LadderRows | null> {
    return this.readLadder(transaction, businessId, 'business');
  }

  /**
   * The ladder with its active tier rows, and the other tiers named (archived tiers the
   * caller's customers still hold), locked in id order: the order every seat writer locks in,
   * after the customers it moves. Seat counts and admissions read after this stay exact until
   * commit, so a batch of decisions can be made in memory and written at once. Null when the
   * business has no active tier.
   */
  async lockLadderSeats(
    transaction: Transaction,
    businessId: string,
    heldTierIds: readonly (string | null)[] = [],
  ): Promise<LockedLadder | null> {
    const held = [...new Set(heldTierIds.filter((id): id is string => id !== null))];
    const locked = new Set<string>();
    for (;;) {
      const rows: { id: string }[] = await transaction.query(
        `SELECT id FROM tiers
          WHERE business_id = $1 AND (archived_at IS NULL OR id = ANY($2::uuid[])) AND NOT (id = ANY($3::uuid[]))
          ORDER BY id FOR UPDATE`,
        [businessId, held, [...locked]],
      );
      for (const row of rows) locked.add(row.id);
      // Read after the lock, in a new snapshot: a ladder change the lock waited for is seen whole.
      const ladder = await this.readLadderInOneStatement(transaction, businessId);
      if (!ladder?.tiers.length) return null;
      // A tier that ladder change created is not locked yet: lock it too, then read again.
      if (ladder.tiers.every((tier) => locked.has(tier.id))) return { ...ladder, lockedTierIds: locked };
    }
  }

  /**
   * The ingest's narrow lock (issue 14, round 4): the rows of `exclusiveTierIds` FOR UPDATE (the
   * bounded tiers a plan reads, see the domain's tiersAPlanReads, and held archived tiers), every
   * other tier of the ladder and the held archived ones FOR SHARE, all in one statement and in id
   * order. Share holders do not wait for each other (their seat changes are appended to
   * tier_seat_changes), and a ladder change (saveLadder, FOR UPDATE on every tier) still waits
   * for them and they for it. The set was computed on the ladder of `version` (the snapshot read
   * before any lock): if the ladder read after the locks has another version, the locks held do
   * not cover what the plan will read, and upgrading share locks in place could deadlock with
   * another share holder doing the same, so LadderChangedDuringLockError asks the caller to run
   * its transaction again. Null when the business has no active tier.
   */
  async lockLadderSeatsNarrow(
    transaction: Transaction,
    businessId: string,
    heldTierIds: readonly (string | null)[],
    exclusiveTierIds: ReadonlySet<string>,
    version: number,
  ): Promise<LockedLadder | null> {
    const held = [...new Set(heldTierIds.filter((id): id is string => id !== null))];
    // The ordered ids are materialised first, so each row's lock is taken in id order as the
    // outer projection evaluates the one branch of its CASE.
    const rows: { id: string }[] = await transaction.query(
      `WITH ordered AS MATERIALIZED (
         SELECT id FROM tiers
          WHERE business_id = $1 AND (archived_at IS NULL OR id = ANY($2::uuid[]))
          ORDER BY id
       )
       SELECT o.id,
              CASE WHEN o.id = ANY($3::uuid[])
                   THEN (SELECT true FROM tiers x WHERE x.id = o.id FOR UPDATE)
                   ELSE (SELECT false FROM tiers x WHERE x.id = o.id FOR SHARE) END AS exclusive
         FROM ordered o`,
      [businessId, held, [...exclusiveTierIds]],
    );
    const locked = new Set(rows.map((row) => row.id));
    // Read after the locks, in a new snapshot: a ladder change they waited for is seen whole.
    const ladder = await this.readLadderInOneStatement(transaction, businessId);
    if (!ladder?.tiers.length) return null;
    if (ladder.version !== version || !ladder.tiers.every((tier) => locked.has(tier.id)))
      throw new LadderChangedDuringLockError(businessId, version, ladder.version);
    return { ...ladder, lockedTierIds: locked };
  }

  /**
   * Folds the pending seat changes of one tier into its member_count, in one statement after the
   * tier row's lock (the caller's short transaction): the deltas it deletes and the count it raises commit together,
   * so a reader sees either the old count and all deltas or the new count and the rest. Its row
   * update waits for the batches holding the tier in share mode, then holds off new ones for the
   * length of the statement. Returns the change folded (0 when there was nothing to fold).
   */
  async foldSeatChanges(transaction: Transaction, tierId: string): Promise<number> {
    // The tier row first, as a ladder save takes it before it folds the business's seat changes:
    // deleting them first would hold their rows while waiting for the tier row a save holds, and
    // the save would wait for them (a deadlock). The fold's statement, run after this wait, also
    // sees every change appended by the share holders it waited for.
    await transaction.query('SELECT 1 FROM tiers WHERE id = $1 FOR NO KEY UPDATE', [tierId]);
    const [[row]]: [{ folded: number }[], number] = await transaction.query(
      `WITH folded AS (DELETE FROM tier_seat_changes WHERE tier_id = $1 RETURNING delta),
            total AS (SELECT sum(delta)::int AS delta, count(*) AS n FROM folded)
       UPDATE tiers t SET member_count = t.member_count + total.delta
         FROM total WHERE t.id = $1 AND total.n > 0
       RETURNING total.delta AS folded`,
      [tierId],
    );
    return row?.folded ?? 0;
  }

  /** Tiers with seat changes waiting to be folded (any business), at most `limit`. */
  async tiersWithSeatChanges(limit: number, transaction?: Transaction): Promise<string[]> {
    const rows: { tier_id: string }[] = await (transaction ?? this.dataSource.manager).query(
      'SELECT DISTINCT tier_id FROM tier_seat_changes LIMIT $1',
      [limit],
    );
    return rows.map((row) => row.tier_id);
  }

  /** BusinessSnapshot of each business named, in one statement and without locks; unknown ids are absent. */
  async readSnapshots(
    businessIds: readonly string[],
    transaction: Transaction,
  ): Promise<Map<string, BusinessSnapshot>> {
    const rows: (RawTier &
      LadderExtras & { business_ref: string; scoring_settings: Record<string, unknown> | null })[] =
      await transaction.query(
        `SELECT b.id AS business_ref, b.scoring_settings, b.ladder_version, b.time_zone, t.*, ${MEMBERS_OF_T},
                ${WAITLISTED_OF_T}
           FROM businesses b LEFT JOIN tiers t ON t.business_id = b.id AND t.archived_at IS NULL
          WHERE b.id = ANY($1::uuid[]) ORDER BY b.id, t.rank`,
        [businessIds],
      );
    const snapshots = new Map<string, BusinessSnapshot>();
    for (const row of rows) {
      let snapshot = snapshots.get(row.business_ref);
      if (!snapshot) {
        snapshot = {
          version: row.ladder_version,
          timeZone: row.time_zone,
          scoringSettings: row.scoring_settings,
          tiers: [],
          waitlisted: new Map(),
        };
        snapshots.set(row.business_ref, snapshot);
      }
      addLadderRow(snapshot, row);
    }
    return snapshots;
  }

  /**
   * Applies a validated ladder in the caller's transaction (the business row must be locked)
   * and returns the new ladder version. Ranks are parked at negative values first because
   * the active-rank unique index is checked row by row, so swapping two ranks would collide.
   */
  async saveLadder(
    transaction: Transaction,
    businessId: string,
    change: LadderChange,
    at: Date,
  ): Promise<number> {
    // Seat writers lock tiers in id order; taking them all first in that order avoids a deadlock with them.
    await transaction.query(
      'SELECT id FROM tiers WHERE business_id = $1 AND archived_at IS NULL ORDER BY id FOR UPDATE',
      [businessId],
    );
    // Nobody holds these rows in share mode now, so every seat change appended under one has
    // committed: fold them all, and a tier this change caps starts from an exact member_count.
    // (Archived tiers are not locked here; the sweep folds theirs.)
    await transaction.query(
      `WITH folded AS (
         DELETE FROM tier_seat_changes s USING tiers t
          WHERE s.tier_id = t.id AND t.business_id = $1 AND t.archived_at IS NULL
          RETURNING s.tier_id, s.delta
       )
       UPDATE tiers t SET member_count = t.member_count + f.delta
         FROM (SELECT tier_id, sum(delta)::int AS delta FROM folded GROUP BY tier_id) f
        WHERE t.id = f.tier_id`,
      [businessId],
    );
    // Archived tiers keep their rank: history and events compare against it.
    if (change.archiveIds.length) {
      await transaction.query(
        `UPDATE tiers SET archived_at = $3
          WHERE business_id = $1 AND id = ANY($2::uuid[]) AND archived_at IS NULL`,
        [businessId, change.archiveIds, at],
      );
    }
    await transaction.query(
      'UPDATE tiers SET rank = -rank WHERE business_id = $1 AND archived_at IS NULL AND rank > 0',
      [businessId],
    );
    if (change.keep.length) {
      await transaction.query(
        `UPDATE tiers AS t
            SET name = v.name, rank = v.rank, entry_score = v.entry_score, retain_score = v.retain_score,
                capacity = v.capacity, quota_limit = v.quota_limit, quota_period = v.quota_period,
                grace_days = v.grace_days, benefits = v.benefits, admission_mode = v.admission_mode
           FROM ${LADDER_ROWS} AS v(id, name, rank, entry_score, retain_score, capacity, quota_limit,
                                    quota_period, grace_days, benefits, admission_mode)
          WHERE t.id = v.id AND t.business_id = $12 AND t.archived_at IS NULL`,
        [...ladderColumns(change.keep), businessId],
      );
    }
    if (change.create.length) {
      await transaction.query(
        `INSERT INTO tiers (id, name, rank, entry_score, retain_score, capacity, quota_limit, quota_period,
                            grace_days, benefits, admission_mode, business_id, member_count)
         SELECT v.*, $12::uuid, 0 FROM ${LADDER_ROWS} AS v`,
        [...ladderColumns(change.create), businessId],
      );
    }
    // TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, affectedCount].
    // Scores follow the zone's weeks (caps, return bonus, decay anchors): a new zone recomputes
    // them all, as a change of scoring settings does (SET reads the row as it was).
    const [[row]]: [{ ladder_version: number }[], number] = await transaction.query(
      `UPDATE businesses SET ladder_version = ladder_version + 1, time_zone = COALESCE($2::text, time_zone),
              reevaluation_cursor = NULL,
              scoring_version = scoring_version + CASE WHEN $2::text <> time_zone THEN 1 ELSE 0 END,
              score_recompute_cursor = CASE WHEN $2::text <> time_zone THEN NULL ELSE score_recompute_cursor END
        WHERE id = $1 RETURNING ladder_version`,
      [businessId, change.timeZone ?? null],
    );
    return row.ladder_version;
  }

  /**
   * The occupancy the domain's plan starts from, for the tiers of `ladder` (new tiers have no
   * row: no members): members, this period's admissions, people waiting, the last round held.
   * The worker reads it under its tier locks; the what-if reads it as it stands.
   */
  /** The business's ladder version as this statement sees it (0 when the business is unknown). */
  async ladderVersionOf(businessId: string, transaction: Transaction): Promise<number> {
    const [row]: { ladder_version: number }[] = await transaction.query(
      'SELECT ladder_version FROM businesses WHERE id = $1',
      [businessId],
    );
    return row?.ladder_version ?? 0;
  }

  async readOccupancy(
    businessId: string,
    rows: readonly TierEntity[],
    ladder: TierLadder,
    now: Date,
    transaction?: Transaction,
    /** Queue lengths read with the ladder (LadderWithQueues), so they are not counted again. */
    knownWaitlisted?: ReadonlyMap<string, number>,
  ): Promise<Record<string, TierOccupancy>> {
    const keys = ladder.tiers.flatMap((tier) =>
      tier.admissionQuota
        ? [{ tierId: tier.id, periodKey: periodKey(now, tier.admissionQuota.period, ladder.timeZone) }]
        : [],
    );
    const [admissions, waitlisted] = await Promise.all([
      this.countAdmissions(businessId, keys, transaction),
      knownWaitlisted ??
        this.countWaitlists(
          businessId,
          ladder.tiers.map((tier) => tier.id),
          transaction,
        ),
    ]);
    const byId = new Map(rows.map((row) => [row.id, row]));
    const occupancy: Record<string, TierOccupancy> = {};
    for (const tier of ladder.tiers) {
      const row = byId.get(tier.id);
      const key = keys.find((k) => k.tierId === tier.id)?.periodKey;
      occupancy[tier.id] = {
        members: row?.memberCount ?? 0,
        admissionsInPeriod: key ? (admissions.get(admissionKey(tier.id, key)) ?? 0) : 0,
        ...(key ? { periodKey: key } : {}),
        waitlisted: waitlisted.get(tier.id) ?? 0,
        roundHeldFor: row?.roundHeldFor ?? null,
      };
    }
    return occupancy;
  }

  /** Records the admission rounds a plan held (ROUNDS tiers): one round per period. */
  async saveRoundsHeld(
    transaction: Transaction,
    businessId: string,
    rounds: readonly { tierId: string; periodKey: string }[],
  ): Promise<void> {
    if (!rounds.length) return;
    await transaction.query(
      `UPDATE tiers AS t SET round_held_for = v.period_key
         FROM unnest($2::uuid[], $3::text[]) AS v(id, period_key)
        WHERE t.id = v.id AND t.business_id = $1`,
      [businessId, rounds.map((r) => r.tierId), rounds.map((r) => r.periodKey)],
    );
  }

  /** Admissions counted for each (tier, period) pair asked, limited to the business's tiers. */
  async countAdmissions(
    businessId: string,
    keys: { tierId: string; periodKey: string }[],
    transaction?: Transaction,
  ): Promise<Map<string, number>> {
    if (!keys.length) return new Map();
    const rows: { tier_id: string; period_key: string; admitted: number }[] = await (
      transaction ?? this.dataSource.manager
    ).query(
      `SELECT a.tier_id, a.period_key, a.admitted
         FROM tier_admissions a
         JOIN tiers t ON t.id = a.tier_id AND t.business_id = $1
         JOIN unnest($2::uuid[], $3::text[]) AS k(tier_id, period_key)
           ON k.tier_id = a.tier_id AND k.period_key = a.period_key`,
      [businessId, keys.map((k) => k.tierId), keys.map((k) => k.periodKey)],
    );
    return new Map(rows.map((row) => [admissionKey(row.tier_id, row.period_key), row.admitted]));
  }

  /**
   * One page of several tiers' waitlists in one statement, in admission order (score as of now desc, i.e. rank key desc,
   * qualified_at asc, customer id — the domain's compareWaitlistEntries). Ranks count the
   * whole waitlist; the keyset cursor picks the page. Returns up to `limit` rows per tier.
   */
  async listWaitlists(
    businessId: string,
    tierIds: string[],
    limit: number,
    after: WaitlistCursor | null,
  ): Promise<WaitlistRow[]> {
    if (!tierIds.length) return [];
    const rows: (RawCustomerRow & {
      qualified_at_key: string | null;
      wait_rank: string;
      wait_total: string;
    })[] = await this.dataSource.query(
      `WITH ranked AS (
           SELECT ${customerRecordColumns('c')},
                  row_number() OVER w AS wait_rank
             FROM customers c
            WHERE c.business_id = $1 AND c.waitlisted_for_tier_id = ANY($2::uuid[]) AND c.erased_at IS NULL
           WINDOW w AS (PARTITION BY c.waitlisted_for_tier_id
                        ORDER BY c.score_key DESC, c.qualified_at ASC NULLS LAST, c.id ASC)
         ), paged AS (
           SELECT r.*, row_number() OVER (PARTITION BY r.waitlisted_for_tier_id ORDER BY r.wait_rank) AS n
             FROM ranked r
            WHERE $4::float8 IS NULL
               OR r.score_key < $4
               OR (r.score_key = $4 AND (
                     ($5::timestamptz IS NOT NULL AND (r.qualified_at > $5 OR r.qualified_at IS NULL))
                  OR (r.qualified_at IS NOT DISTINCT FROM $5::timestamptz AND r.id > $6::uuid)))
         )
         SELECT p.*, p.qualified_at::text AS qualified_at_key FROM paged p
          WHERE p.n <= $3 ORDER BY p.waitlisted_for_tier_id, p.wait_rank`,
      [
        businessId,
        tierIds,
        limit,
        after?.scoreKey ?? null,
        after?.qualifiedAtKey ?? null,
        after?.customerId ?? null,
      ],
    );
    return rows.map((row) => ({
      tierId: row.waitlisted_for_tier_id!,
      customer: toCustomerRecord(row),
      qualifiedAtKey: row.qualified_at_key,
      rank: Number(row.wait_rank),
    }));
  }

  /** How many customers wait for each tier (tiers nobody waits for are absent). */
  async countWaitlists(
    businessId: string,
    tierIds: string[],
    transaction?: Transaction,
  ): Promise<Map<string, number>> {
    if (!tierIds.length) return new Map();
    const rows: { tier_id: string; count: number }[] = await (transaction ?? this.dataSource.manager).query(
      `SELECT waitlisted_for_tier_id AS tier_id, count(*)::int AS count FROM customers
        WHERE business_id = $1 AND waitlisted_for_tier_id = ANY($2::uuid[]) AND erased_at IS NULL
        GROUP BY waitlisted_for_tier_id`,
      [businessId, tierIds],
    );
    return new Map(rows.map((row) => [row.tier_id, row.count]));
  }

  /** Tiers by id, archived ones included (history and simulations name them); other businesses' ids are absent. */
  async findByIds(
    businessId: string,
    ids: readonly string[],
    transaction?: Transaction,
  ): Promise<TierEntity[]> {
    if (!ids.length) return [];
    const rows: RawTier[] = await (transaction ?? this.dataSource.manager).query(
      `SELECT t.*, ${MEMBERS_OF_T} FROM tiers t WHERE t.business_id = $1 AND t.id = ANY($2::uuid[])`,
      [businessId, ids],
    );
    return rows.map(toTierEntity);
  }

  private async readLadderInOneStatement(
    transaction: Transaction,
    businessId: string,
  ): Promise<LadderWithQueues | null> {
    const rows: (RawTier & LadderExtras)[] = await transaction.query(
      `SELECT t.*, ${MEMBERS_OF_T}, b.ladder_version, b.time_zone, ${WAITLISTED_OF_T}
         FROM businesses b LEFT JOIN tiers t ON t.business_id = b.id AND t.archived_at IS NULL
        WHERE b.id = $1 ORDER BY t.rank`,
      [businessId],
    );
    if (!rows.length) return null;
    const ladder: LadderWithQueues = {
      version: rows[0].ladder_version,
      timeZone: rows[0].time_zone,
      tiers: [],
      waitlisted: new Map(),
    };
    for (const row of rows) addLadderRow(ladder, row);
    return ladder;
  }

  private async readLadder(
    manager: Transaction,
    businessId: string,
    lock: 'none' | 'business',
  ): Promise<LadderRows | null> {
    const businesses: { ladder_version: number; time_zone: string }[] = await manager.query(
      `SELECT ladder_version, time_zone FROM businesses WHERE id = $1${lock === 'business' ? ' FOR UPDATE' : ''}`,
      [businessId],
    );
    const business = businesses[0];
    if (!business) return null;
    const tiers: RawTier[] = await manager.query(
      `SELECT t.*, ${MEMBERS_OF_T} FROM tiers t WHERE t.business_id = $1 AND t.archived_at IS NULL ORDER BY t.rank`,
      [businessId],
    );
    return { version: business.ladder_version, timeZone: business.time_zone, tiers: tiers.map(toTierEntity) };
  }
}

/** Columns a ladder read adds to the tier row (t.* of `tiers t` joined to `businesses b`). */
interface LadderExtras {
  ladder_version: number;
  time_zone: string;
  waitlisted: number;
}

/**
 * Members of tier `t`: its member_count plus the seat changes appended for it and not folded
 * yet (tier_seat_changes). Every reader of a tier's members reads them through this fragment.
 */
export const MEMBERS_OF_T = `(t.member_count + COALESCE(
  (SELECT sum(s.delta) FROM tier_seat_changes s WHERE s.tier_id = t.id), 0))::int AS tier_members`;

/**
 * The ladder changed between the snapshot a batch computed its exact tiers on and its narrow
 * locks: nothing was decided yet; the caller runs its whole transaction again.
 */
export class LadderChangedDuringLockError extends Error {
  readonly code = 'LADDER_CHANGED_DURING_LOCK';

  constructor(
    readonly businessId: string,
    readonly expectedVersion: number,
    readonly foundVersion: number,
  ) {
    super(
      `ladder of business ${businessId} is at version ${foundVersion}, the batch planned on ${expectedVersion}`,
    );
    this.name = 'LadderChangedDuringLockError';
  }
}

/** How many wait for tier `t` (the partial waitlist index answers it): the queue countWaitlists counts. */
const WAITLISTED_OF_T = `CASE WHEN t.id IS NULL THEN 0 ELSE
  (SELECT count(*)::int FROM customers c
    WHERE c.business_id = t.business_id AND c.waitlisted_for_tier_id = t.id AND c.erased_at IS NULL) END AS waitlisted`;

/** Adds one row of a ladder read (the business's row alone when it has no active tier). */
function addLadderRow(ladder: LadderWithQueues, row: RawTier & LadderExtras): void {
  if (row.id === null) return;
  ladder.tiers.push(toTierEntity(row));
  if (row.waitlisted > 0) (ladder.waitlisted as Map<string, number>).set(row.id, row.waitlisted);
}

/** Key of countAdmissions' map. */
export function admissionKey(tierId: string, periodKey: string): string {
  return `${tierId}|${periodKey}`;
}

const LADDER_ROWS = `unnest($1::uuid[], $2::text[], $3::int[], $4::float8[], $5::float8[], $6::int[], $7::int[],
                           $8::text[], $9::int[], $10::text[], $11::text[])`;

function ladderColumns(rows: LadderTierRow[]): unknown[] {
  return [
    rows.map((r) => r.id),
    rows.map((r) => r.name),
    rows.map((r) => r.rank),
    rows.map((r) => r.entryScore),
    rows.map((r) => r.retainScore),
    rows.map((r) => r.capacity),
    rows.map((r) => r.quotaLimit),
    rows.map((r) => r.quotaPeriod),
    rows.map((r) => r.graceDays),
    rows.map((r) => r.benefits),
    rows.map((r) => r.admissionMode ?? 'CONTINUOUS'),
  ];
}

function toTierEntity(row: RawTier): TierEntity {
  return Object.assign(new TierEntity(), {
    id: row.id,
    businessId: row.business_id,
    name: row.name,
    rank: row.rank,
    entryScore: row.entry_score,
    retainScore: row.retain_score,
    capacity: row.capacity,
    memberCount: row.tier_members,
    quotaLimit: row.quota_limit,
    quotaPeriod: row.quota_period,
    graceDays: row.grace_days,
    benefits: row.benefits,
    admissionMode: row.admission_mode,
    roundHeldFor: row.round_held_for,
    archivedAt: row.archived_at,
  });
}
