import { randomUUID } from 'node:crypto';
import {
  type CustomerTierState,
  type Period,
  periodKey as periodKeyOf,
  type TierLock,
} from '@inner-circle/domain';
import type { Transaction } from '../transaction-runner.js';
import type { CustomerScoreUpdate } from './customer.repository.js';
import { TierEvaluationRepository, type TierStateUpdate } from './tier-evaluation.repository.js';
import { type AppliedTierMove, type KnownTier, type TierMove, TierMoveCheckError } from './tier-move.js';

export * from './tier-move.js';

/**
 * Moves of one business whose customers AND tiers the caller holds locked in this
 * transaction (lockCustomers, then TierRepository.lockLadderSeats), so the occupancy the
 * domain planned them against cannot change before commit. At most one move per customer.
 */
export interface CheckedMoveBatch {
  businessId: string;
  timeZone: string;
  /** Tiers the caller already has (its ladder); any other tier a move names is read once. */
  tiers: ReadonlyMap<string, KnownTier>;
  moves: TierMove[];
  /**
   * Grace and waitlist changes of customers who do not move, written in the moves' customer
   * statement: one statement and one new row version per customer, whatever changes.
   */
  tierStates?: readonly TierStateUpdate[];
  /** New scores (the ingest's) of customers who move or not, written in that statement too. */
  scores?: readonly CustomerScoreUpdate[];
  /**
   * Tiers the caller holds FOR UPDATE (TierRepository.lockLadderSeatsNarrow); omit when it holds
   * every tier it names that way. Seats of other tiers (held FOR SHARE, without a capacity) are
   * appended to tier_seat_changes instead of updating the shared row; one with a capacity is
   * refused (TierMoveCheckError).
   */
  exactTierIds?: ReadonlySet<string>;
}

/** Seats a batch moves in one tier; forced joins (locks) may pass its capacity, checked ones may not. */
interface SeatChange {
  delta: number;
  checkedJoins: number;
  forcedJoins: number;
}

interface Admission {
  tierId: string;
  periodKey: string;
  count: number;
  /** Of which by forced moves (locks), which may pass the quota. */
  forced: number;
}

/**
 * Writes the tier changes the domain planned (api locks and erasure, worker decisions, ladder
 * re-evaluation, grace expiry, waitlist admission): seats, admissions, the customer's columns
 * and history, all in the caller's transaction. Seat counters are only ever changed here. It
 * decides nothing: capacity and quota are the domain's (planTierMoves); the SQL re-checks them
 * only as a safety net, and a failed re-check is a bug (TierMoveCheckError). The tier-changed
 * events are the caller's to write (through OutboxRepository), with the ids returned here.
 * A batch costs three statements whatever its size (four when a move leaves an archived tier
 * its caller did not pass).
 */
export class TierMoveRepository {
  /**
   * Writes checked moves in three statements whatever their number: seat counters with the
   * customers' columns (and the scores and state changes the caller adds), admissions, then
   * history. Seats, quota and the customers' rows are re-checked in SQL; a failed check throws
   * TierMoveCheckError (see there). Returns, move by move, the history row's id (for the move's
   * event) and the tiers it names.
   */
  async applyCheckedMoves(transaction: Transaction, batch: CheckedMoveBatch): Promise<AppliedTierMove[]> {
    if (!batch.moves.length) {
      await this.writeSeatsAndCustomers(transaction, batch, new Map());
      return [];
    }
    const customers = new Set(batch.moves.map((move) => move.customerId));
    if (customers.size !== batch.moves.length) {
      throw new TierMoveCheckError('a batch of tier moves names a customer twice');
    }

    const tiers = await this.tierRefsFor(transaction, batch);
    const seats = new Map<string, SeatChange>();
    const seat = (tierId: string, change: SeatChange) => {
      const entry = seats.get(tierId) ?? { delta: 0, checkedJoins: 0, forcedJoins: 0 };
      seats.set(tierId, {
        delta: entry.delta + change.delta,
        checkedJoins: entry.checkedJoins + change.checkedJoins,
        forcedJoins: entry.forcedJoins + change.forcedJoins,
      });
    };
    const admissions = new Map<string, Admission>();
    const changes: RecordedChange[] = [];
    const results: AppliedTierMove[] = [];

    for (const move of batch.moves) {
      if (move.fromTierId === move.toTierId) {
        const tier = move.toTierId === null ? null : (tiers.get(move.toTierId) ?? null);
        results.push({ changed: false, tierChangeId: null, direction: move.direction, from: tier, to: tier });
        continue;
      }
      const from = move.fromTierId === null ? null : tierOf(tiers, move.fromTierId);
      const to = move.toTierId === null ? null : tierOf(tiers, move.toTierId);
      const forced = move.ignoreCapacity ? 1 : 0;
      if (from) seat(from.id, { delta: -1, checkedJoins: 0, forcedJoins: 0 });
      if (to) {
        seat(to.id, { delta: 1, checkedJoins: 1 - forced, forcedJoins: forced });
        const periodKey = admissionPeriodOf(move, to, batch.timeZone);
        if (periodKey !== null) {
          const key = `${to.id}|${periodKey}`;
          const admission = admissions.get(key) ?? { tierId: to.id, periodKey, count: 0, forced: 0 };
          admissions.set(key, {
            ...admission,
            count: admission.count + 1,
            forced: admission.forced + forced,
          });
        }
      }
      const change: RecordedChange = { id: randomUUID(), move };
      changes.push(change);
      results.push({ changed: true, tierChangeId: change.id, direction: move.direction, from, to });
    }

    await this.writeSeatsAndCustomers(transaction, batch, seats);
    await this.countAdmissions(transaction, [...admissions.values()]);
    await this.recordChanges(transaction, batch.businessId, changes);
    return results;
  }

  /** The customer's tier state, row locked for the caller's transaction; null when unknown or erased. */
  async lockTierState(
    transaction: Transaction,
    businessId: string,
    customerId: string,
  ): Promise<CustomerTierState | null> {
    const [customer] = await new TierEvaluationRepository().lockCustomers(transaction, businessId, [
      customerId,
    ]);
    return customer?.tierState ?? null;
  }

  /** Stores a lock; the decision that follows (a lock in force wins) moves the customer. */
  async setLock(
    transaction: Transaction,
    businessId: string,
    customerId: string,
    lock: TierLock,
  ): Promise<void> {
    await transaction.query(
      `UPDATE customers SET lock_tier_id = $3, lock_until = $4, lock_reason = $5, updated_at = now()
        WHERE id = $1 AND business_id = $2`,
      [customerId, businessId, lock.tierId, lock.until, lock.reason],
    );
  }

  /** Removes a lock without moving the customer: the next decision places them by score. */
  async clearLock(transaction: Transaction, businessId: string, customerId: string): Promise<void> {
    await transaction.query(
      `UPDATE customers SET lock_tier_id = NULL, lock_until = NULL, lock_reason = NULL, updated_at = now()
        WHERE id = $1 AND business_id = $2`,
      [customerId, businessId],
    );
  }

  /** Tiers the batch names that its caller did not pass (an archived tier a customer leaves). */
  private async tierRefsFor(
    transaction: Transaction,
    batch: CheckedMoveBatch,
  ): Promise<Map<string, KnownTier>> {
    const refs = new Map(batch.tiers);
    const unknown = new Set<string>();
    for (const move of batch.moves) {
      for (const id of [move.fromTierId, move.toTierId]) if (id !== null && !refs.has(id)) unknown.add(id);
    }
    if (!unknown.size) return refs;
    const rows: { id: string; name: string; rank: number; quota_period: Period | null }[] =
      await transaction.query(
        'SELECT id, name, rank, quota_period FROM tiers WHERE business_id = $1 AND id = ANY($2::uuid[])',
        [batch.businessId, [...unknown]],
      );
    for (const row of rows) {
      refs.set(row.id, { id: row.id, name: row.name, rank: row.rank, quotaPeriod: row.quota_period });
    }
    return refs;
  }

  /** Adds the admissions per (tier, period); only forced moves (locks) may pass a quota. */
  private async countAdmissions(transaction: Transaction, admissions: Admission[]): Promise<void> {
    if (!admissions.length) return;
    const rows: { tier_id: string; period_key: string; admitted: number; quota_limit: number | null }[] =
      await transaction.query(
        `INSERT INTO tier_admissions AS a (tier_id, period_key, admitted)
         SELECT * FROM unnest($1::uuid[], $2::text[], $3::int[])
         ON CONFLICT (tier_id, period_key) DO UPDATE SET admitted = a.admitted + excluded.admitted
         RETURNING a.tier_id, a.period_key, a.admitted,
                   (SELECT t.quota_limit FROM tiers t WHERE t.id = a.tier_id) AS quota_limit`,
        [admissions.map((a) => a.tierId), admissions.map((a) => a.periodKey), admissions.map((a) => a.count)],
      );
    const asked = new Map(admissions.map((a) => [`${a.tierId}|${a.periodKey}`, a]));
    const over = rows.filter((row) => {
      const admission = asked.get(`${row.tier_id}|${row.period_key}`)!;
      const checked = admission.count - admission.forced;
      return row.quota_limit !== null && checked > 0 && row.admitted - admission.forced > row.quota_limit;
    });
    if (over.length) {
      throw new TierMoveCheckError(
        `tier moves would pass the admission quota of tier(s) ${over.map((r) => r.tier_id).join(', ')}`,
      );
    }
  }

  /**
   * Seats and customers in one statement. Seats: the net change per tier; checked joins must fit
   * the capacity as if the forced ones (locks) were not there, so a lock never opens a seat for
   * someone else. Customers: each one's move, or grace and waitlist change, and new score. A
   * refused seat or a moved row missing (a customer not of the business) fails the batch.
   */
  private async writeSeatsAndCustomers(
    transaction: Transaction,
    batch: CheckedMoveBatch,
    seats: ReadonlyMap<string, SeatChange>,
  ): Promise<void> {
    const moved = [...seats].filter(([, seat]) => seat.delta !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
    const exact = batch.exactTierIds;
    const changed = exact ? moved.filter(([id]) => exact.has(id)) : moved;
    const appended = exact ? moved.filter(([id]) => !exact.has(id)) : [];
    const rows = new Map<string, { move?: TierMove; state?: TierStateUpdate; score?: CustomerScoreUpdate }>();
    const rowOf = (id: string) => rows.get(id) ?? rows.set(id, {}).get(id)!;
    for (const move of batch.moves) rowOf(move.customerId).move = move;
    for (const state of batch.tierStates ?? []) {
      const row = rowOf(state.customerId);
      if (row.move)
        throw new TierMoveCheckError('a customer of a tier move batch both moves and changes state');
      row.state = state;
    }
    for (const score of batch.scores ?? []) rowOf(score.id).score = score;
    if (!rows.size && !moved.length) return;
    const entries = [...rows];
    const column = <T>(
      pick: (row: { move?: TierMove; state?: TierStateUpdate; score?: CustomerScoreUpdate }) => T,
    ) => entries.map(([, row]) => pick(row));
    // No floor at 0: a tier's members are member_count plus its pending seat changes, so
    // member_count alone may be below what leaves it.
    const [written]: { seats: string[] | null; appended: string[] | null; moved: number }[] =
      await transaction.query(
        `WITH seats AS (
         UPDATE tiers AS t SET member_count = t.member_count + d.delta
           FROM unnest($21::uuid[], $22::int[], $23::int[], $24::int[]) AS d(id, delta, checked_joins, forced_joins)
          WHERE t.business_id = $1 AND t.id = d.id
            AND (d.checked_joins = 0 OR t.capacity IS NULL
                 OR t.member_count + d.delta - d.forced_joins <= t.capacity)
          RETURNING t.id
       ), appended AS (
         INSERT INTO tier_seat_changes (tier_id, delta)
         SELECT d.id, d.delta
           FROM unnest($25::uuid[], $26::int[]) AS d(id, delta)
           JOIN tiers t ON t.id = d.id AND t.business_id = $1 AND t.capacity IS NULL
         RETURNING tier_id
       ), customers AS (
       UPDATE customers AS c
          SET tier_id = CASE WHEN v.moved THEN v.tier_id ELSE c.tier_id END,
              tier_since = CASE WHEN v.moved AND v.changed THEN v.at ELSE c.tier_since END,
              grace_until = CASE WHEN v.moved THEN NULL WHEN v.stated THEN v.grace_until ELSE c.grace_until END,
              waitlisted_for_tier_id = CASE WHEN v.moved OR v.stated THEN v.waitlisted_for_tier_id
                                            ELSE c.waitlisted_for_tier_id END,
              qualified_at = CASE WHEN v.moved OR v.stated THEN v.qualified_at ELSE c.qualified_at END,
              lock_tier_id = CASE WHEN v.set_lock THEN v.lock_tier_id ELSE c.lock_tier_id END,
              lock_until = CASE WHEN v.set_lock THEN v.lock_until ELSE c.lock_until END,
              lock_reason = CASE WHEN v.set_lock THEN v.lock_reason ELSE c.lock_reason END,
              score = CASE WHEN v.scored THEN v.score ELSE c.score END,
              score_as_of = CASE WHEN v.scored THEN v.score_as_of ELSE c.score_as_of END,
              score_state = CASE WHEN v.scored THEN v.score_state ELSE c.score_state END,
              score_key = CASE WHEN v.scored THEN v.score_key ELSE c.score_key END,
              last_interaction_at = CASE WHEN v.scored THEN COALESCE(v.last_interaction_at, c.last_interaction_at)
                                         ELSE c.last_interaction_at END,
              updated_at = now()
         FROM unnest($2::uuid[], $3::boolean[], $4::uuid[], $5::boolean[], $6::timestamptz[], $7::uuid[],
                     $8::timestamptz[], $9::boolean[], $10::uuid[], $11::timestamptz[], $12::text[],
                     $13::boolean[], $14::timestamptz[], $15::boolean[], $16::float8[], $17::timestamptz[],
                     $18::jsonb[], $19::float8[], $20::timestamptz[])
              AS v(id, moved, tier_id, changed, at, waitlisted_for_tier_id, qualified_at,
                   set_lock, lock_tier_id, lock_until, lock_reason, stated, grace_until,
                   scored, score, score_as_of, score_state, score_key, last_interaction_at)
        WHERE c.id = v.id AND c.business_id = $1
        RETURNING v.moved
       )
       SELECT (SELECT array_agg(id) FROM seats) AS seats,
              (SELECT array_agg(tier_id) FROM appended) AS appended,
              (SELECT count(*)::int FROM customers WHERE moved) AS moved`,
        [
          batch.businessId,
          entries.map(([id]) => id),
          column((r) => r.move !== undefined),
          column((r) => r.move?.toTierId ?? null),
          column((r) => (r.move ? r.move.fromTierId !== r.move.toTierId : false)),
          column((r) => r.move?.at ?? null),
          column((r) =>
            r.move ? (r.move.waitlistedForTierId ?? null) : (r.state?.waitlistedForTierId ?? null),
          ),
          column((r) =>
            r.move
              ? r.move.waitlistedForTierId
                ? (r.move.qualifiedAt ?? r.move.at)
                : null
              : (r.state?.qualifiedAt ?? null),
          ),
          column((r) => r.move !== undefined && r.move.lock !== undefined),
          column((r) => r.move?.lock?.tierId ?? null),
          column((r) => r.move?.lock?.until ?? null),
          column((r) => r.move?.lock?.reason ?? null),
          column((r) => r.state !== undefined),
          column((r) => r.state?.graceUntil ?? null),
          column((r) => r.score !== undefined),
          column((r) => r.score?.score ?? null),
          column((r) => r.score?.scoreAsOf ?? null),
          column((r) => (r.score ? JSON.stringify(r.score.scoreState) : null)),
          column((r) => r.score?.scoreKey ?? null),
          column((r) => r.score?.lastInteractionAt ?? null),
          changed.map(([id]) => id),
          changed.map(([, seat]) => seat.delta),
          changed.map(([, seat]) => seat.checkedJoins),
          changed.map(([, seat]) => seat.forcedJoins),
          appended.map(([id]) => id),
          appended.map(([, seat]) => seat.delta),
        ],
      );
    const seated = new Set([...(written.seats ?? []), ...(written.appended ?? [])]);
    const refused = moved.map(([id]) => id).filter((id) => !seated.has(id));
    if (refused.length) {
      throw new TierMoveCheckError(
        `tier moves would overfill tier(s) ${refused.join(', ')}: the caller's occupancy was stale`,
      );
    }
    // History and events are written only for customers whose row moved.
    if (written.moved !== batch.moves.length) {
      throw new TierMoveCheckError(
        `${batch.moves.length - written.moved} customer(s) of a tier move batch were not updated`,
      );
    }
  }

  /** History rows in one statement; each row's id is the one its tier-changed event carries. */
  private async recordChanges(
    transaction: Transaction,
    businessId: string,
    changes: RecordedChange[],
  ): Promise<void> {
    if (!changes.length) return;
    const column = <T>(pick: (change: RecordedChange) => T) => changes.map(pick);
    await transaction.query(
      `INSERT INTO tier_changes
              (id, business_id, customer_id, from_tier_id, to_tier_id, direction, reason, score, ladder_version,
               occurred_at)
       SELECT h.id, $1::uuid, h.customer_id, h.from_tier_id, h.to_tier_id, h.direction, h.reason, h.score,
              h.ladder_version, h.occurred_at
         FROM unnest($2::uuid[], $3::uuid[], $4::uuid[], $5::uuid[], $6::text[], $7::text[], $8::float8[],
                     $9::int[], $10::timestamptz[])
              AS h(id, customer_id, from_tier_id, to_tier_id, direction, reason, score, ladder_version, occurred_at)`,
      [
        businessId,
        column((c) => c.id),
        column((c) => c.move.customerId),
        column((c) => c.move.fromTierId),
        column((c) => c.move.toTierId),
        column((c) => c.move.direction),
        column((c) => c.move.reason),
        column((c) => c.move.score),
        column((c) => c.move.ladderVersion),
        column((c) => c.move.at),
      ],
    );
  }
}

/** A changed move and the id of the history row that records it. */
interface RecordedChange {
  id: string;
  move: TierMove;
}

/** The quota period an admission counts under, or null when it counts under none. */
function admissionPeriodOf(move: TierMove, to: KnownTier, timeZone: string): string | null {
  if (!move.countsAsAdmission) return null;
  return move.periodKey ?? (to.quotaPeriod === null ? null : periodKeyOf(move.at, to.quotaPeriod, timeZone));
}

function tierOf(tiers: ReadonlyMap<string, KnownTier>, id: string): KnownTier {
  const tier = tiers.get(id);
  if (!tier) throw new Error(`tier ${id} of a checked move is not a tier of the business`);
  return tier;
}
