import { randomUUID } from 'node:crypto';
import {
  buildTierChangedV1Event,
  TierChangeDirection,
  tierChangeKey,
  type TierChangedV1Payload,
  Topics,
} from '@inner-circle/contracts';
import {
  applyDecision,
  type CustomerTierState,
  type Period,
  periodKey as periodKeyOf,
  seatMovementOf,
  type TierDecision,
  TierDecisionKind,
  type TierLock,
} from '@inner-circle/domain';
import type { Transaction } from '../transaction-runner.js';
import { TierEvaluationRepository } from './tier-evaluation.repository.js';

/**
 * One tier change of one customer, as the api (locks) and the worker (decisions) both
 * describe it. Everything is written in the caller's transaction.
 */
export interface TierMove {
  businessId: string;
  customerId: string;
  /** The tier the caller believes the customer holds; the move is refused if it is stale. */
  fromTierId: string | null;
  toTierId: string | null;
  /** Reason code for history and the event (`LOCKED`, `QUALIFIED`, `GRACE_EXPIRED`, …). */
  reason: string;
  score: number;
  ladderVersion: number;
  /**
   * Quota period the admission counts under. Omit to have it computed from the tier's quota
   * period and the business's time zone (no quota → not counted).
   */
  periodKey?: string | null;
  /** Upgrades count against the target tier's admission quota; downgrades and locks do not. */
  countsAsAdmission: boolean;
  /** Locks are the owner's explicit choice: they take a seat even in a full tier or spent quota. */
  ignoreCapacity: boolean;
  /** Still waiting for a higher tier after the move (ADMITTED_WAITLISTED); default none. */
  waitlistedForTierId?: string | null;
  qualifiedAt?: Date | null;
  /** undefined leaves the lock columns as they are; null clears them. */
  lock?: TierLock | null;
  at: Date;
  /** CloudEvents source of the tier-changed event. */
  source?: string;
}

/** An active tier as a caller that holds the ladder already knows it. */
export interface KnownTier {
  id: string;
  name: string;
  rank: number;
  quotaPeriod: Period | null;
}

/**
 * What a caller that has already locked the customer row (and holds the ladder) knows, so
 * applyMove need not read it again: the worker's batch path, where round trips are the cost.
 */
export interface KnownMoveContext {
  customer: { externalRef: string; tierId: string | null };
  timeZone: string;
  /** Active tiers by id; a tier missing here (archived) is read. */
  tiers: ReadonlyMap<string, KnownTier>;
}

export enum TierMoveRefusal {
  CUSTOMER_NOT_FOUND = 'CUSTOMER_NOT_FOUND',
  /** The customer no longer holds `fromTierId` (a concurrent change won): decide again. */
  STALE_FROM_TIER = 'STALE_FROM_TIER',
  /** The target is not an active tier of the business. */
  TIER_NOT_FOUND = 'TIER_NOT_FOUND',
  TIER_FULL = 'TIER_FULL',
  QUOTA_SPENT = 'QUOTA_SPENT',
}

export interface AppliedTierMove {
  applied: true;
  /** false when from and to are the same tier: the customer's columns were updated, nothing moved. */
  changed: boolean;
  /** The tier_changes row and the outbox event id; null when nothing changed. */
  tierChangeId: string | null;
  eventId: string | null;
  direction: TierChangeDirection;
}

export interface RefusedTierMove {
  applied: false;
  refusal: TierMoveRefusal;
}

/** A refusal leaves nothing written, so the caller's transaction can carry on (e.g. waitlist instead). */
export type TierMoveResult = AppliedTierMove | RefusedTierMove;

/** For callers that cannot go on after a refusal: throwing rolls their transaction back. */
export class TierMoveRefusedError extends Error {
  constructor(readonly refusal: TierMoveRefusal) {
    super(`tier move refused: ${refusal}`);
    this.name = 'TierMoveRefusedError';
  }
}

interface TierRef {
  id: string;
  name: string;
  rank: number;
  archived: boolean;
  quotaPeriod: Period | null;
}

/**
 * The one path for every tier change (api locks, worker decisions, ladder changes, grace
 * expiry): seats, admissions, the customer's columns, history and the outbox event, all in
 * the caller's transaction. Seat counters are only ever changed here, atomically in SQL.
 */
export class TierMoveRepository {
  async applyMove(
    transaction: Transaction,
    move: TierMove,
    known?: KnownMoveContext,
  ): Promise<TierMoveResult> {
    const customer = known
      ? {
          external_ref: known.customer.externalRef,
          tier_id: known.customer.tierId,
          time_zone: known.timeZone,
        }
      : await this.lockCustomer(transaction, move);
    if (!customer) return refused(TierMoveRefusal.CUSTOMER_NOT_FOUND);
    if (customer.tier_id !== move.fromTierId) return refused(TierMoveRefusal.STALE_FROM_TIER);

    const tiers = await this.tierRefsFor(transaction, move, known?.tiers);
    const from = move.fromTierId === null ? null : (tiers.get(move.fromTierId) ?? null);
    const to = move.toTierId === null ? null : (tiers.get(move.toTierId) ?? null);
    if (move.toTierId !== null && (!to || (to.archived && move.toTierId !== move.fromTierId))) {
      return refused(TierMoveRefusal.TIER_NOT_FOUND);
    }

    const changed = move.fromTierId !== move.toTierId;
    if (changed) {
      const refusal = await this.moveSeat(transaction, move, to, customer.time_zone);
      if (refusal) return refused(refusal);
    }
    await this.updateCustomer(transaction, move, changed);
    if (!changed) {
      return {
        applied: true,
        changed,
        tierChangeId: null,
        eventId: null,
        direction: TierChangeDirection.NONE,
      };
    }

    const direction = directionOf(from, to);
    const eventId = randomUUID();
    const payload: TierChangedV1Payload = {
      businessId: move.businessId,
      customerId: move.customerId,
      customerRef: customer.external_ref,
      previousTier: from && { id: from.id, name: from.name, rank: from.rank },
      newTier: to && { id: to.id, name: to.name, rank: to.rank },
      direction,
      reason: move.reason,
      score: move.score,
      ruleVersion: move.ladderVersion,
      occurredAt: move.at.toISOString(),
    };
    const event = buildTierChangedV1Event(payload, {
      id: eventId,
      time: move.at,
      source: move.source ?? '/inner-circle/api',
    });
    // History and event in one round trip. The whole CloudEvent is stored: the relay
    // publishes the payload column as the message value.
    const [history]: { id: string }[] = await transaction.query(
      `WITH history AS (
         INSERT INTO tier_changes
                (business_id, customer_id, from_tier_id, to_tier_id, direction, reason, score, ladder_version, occurred_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id
       ), event AS (
         INSERT INTO outbox (event_id, topic, message_key, payload) VALUES ($10, $11, $12, $13)
       )
       SELECT id FROM history`,
      [
        move.businessId,
        move.customerId,
        move.fromTierId,
        move.toTierId,
        direction,
        move.reason,
        move.score,
        move.ladderVersion,
        move.at,
        eventId,
        Topics.tierChanges,
        tierChangeKey(move.businessId, move.customerId),
        JSON.stringify(event),
      ],
    );
    return { applied: true, changed, tierChangeId: history.id, eventId, direction };
  }

  private async lockCustomer(
    transaction: Transaction,
    move: TierMove,
  ): Promise<{ external_ref: string; tier_id: string | null; time_zone: string } | undefined> {
    const customers: { external_ref: string; tier_id: string | null; time_zone: string }[] =
      await transaction.query(
        `SELECT c.external_ref, c.tier_id, b.time_zone
         FROM customers c JOIN businesses b ON b.id = c.business_id
        WHERE c.id = $1 AND c.business_id = $2
        FOR UPDATE OF c`,
        [move.customerId, move.businessId],
      );
    return customers[0];
  }

  /** The move's two tiers: from what the caller knows, reading only the others (e.g. an archived tier). */
  private async tierRefsFor(
    transaction: Transaction,
    move: TierMove,
    known: ReadonlyMap<string, KnownTier> | undefined,
  ): Promise<Map<string, TierRef>> {
    const refs = new Map<string, TierRef>();
    const unknown: string[] = [];
    for (const id of [move.fromTierId, move.toTierId]) {
      if (id === null) continue;
      const tier = known?.get(id);
      if (tier) refs.set(id, { ...tier, archived: false });
      else unknown.push(id);
    }
    if (unknown.length) {
      for (const [id, ref] of await this.tierRefs(transaction, move.businessId, unknown)) refs.set(id, ref);
    }
    return refs;
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

  /** Removes a lock without moving the customer: the next decision places them by score. */
  async clearLock(transaction: Transaction, businessId: string, customerId: string): Promise<void> {
    await transaction.query(
      `UPDATE customers SET lock_tier_id = NULL, lock_until = NULL, lock_reason = NULL, updated_at = now()
        WHERE id = $1 AND business_id = $2`,
      [customerId, businessId],
    );
  }

  /**
   * Seats move in tier-id order so two opposite moves (A→B and B→A) cannot deadlock. A
   * refused take undoes the release it may have done first, under the row lock already held,
   * so a refusal leaves the counters as they were.
   */
  private async moveSeat(
    transaction: Transaction,
    move: TierMove,
    to: TierRef | null,
    timeZone: string,
  ): Promise<TierMoveRefusal | null> {
    const releaseFirst =
      move.fromTierId !== null && (move.toTierId === null || move.fromTierId < move.toTierId);
    if (releaseFirst) await this.releaseSeat(transaction, move.businessId, move.fromTierId!);

    let refusal: TierMoveRefusal | null = null;
    if (to !== null) {
      refusal = await this.takeSeat(transaction, move.businessId, to.id, move.ignoreCapacity);
      if (refusal === null && move.countsAsAdmission) {
        const key =
          move.periodKey ?? (to.quotaPeriod === null ? null : periodKeyOf(move.at, to.quotaPeriod, timeZone));
        if (key !== null) {
          refusal = await this.countAdmission(transaction, to.id, key, move.ignoreCapacity);
          if (refusal !== null) await this.releaseSeat(transaction, move.businessId, to.id);
        }
      }
    }
    if (refusal !== null) {
      if (releaseFirst) await this.giveSeatBack(transaction, move.businessId, move.fromTierId!);
      return refusal;
    }
    if (!releaseFirst && move.fromTierId !== null) {
      await this.releaseSeat(transaction, move.businessId, move.fromTierId);
    }
    return null;
  }

  private async takeSeat(
    transaction: Transaction,
    businessId: string,
    tierId: string,
    ignoreCapacity: boolean,
  ): Promise<TierMoveRefusal | null> {
    // One statement checks and takes: concurrent takers queue on the row and re-check the cap.
    // TypeORM answers an UPDATE … RETURNING on PostgreSQL with [rows, affectedCount].
    const [rows]: [unknown[], number] = await transaction.query(
      `UPDATE tiers SET member_count = member_count + 1
        WHERE id = $1 AND business_id = $2
          AND (capacity IS NULL OR member_count < capacity OR $3::boolean)
        RETURNING id`,
      [tierId, businessId, ignoreCapacity],
    );
    return rows.length ? null : TierMoveRefusal.TIER_FULL;
  }

  private async releaseSeat(transaction: Transaction, businessId: string, tierId: string): Promise<void> {
    await transaction.query(
      `UPDATE tiers SET member_count = member_count - 1
        WHERE id = $1 AND business_id = $2 AND member_count > 0`,
      [tierId, businessId],
    );
  }

  private async giveSeatBack(transaction: Transaction, businessId: string, tierId: string): Promise<void> {
    await transaction.query(
      'UPDATE tiers SET member_count = member_count + 1 WHERE id = $1 AND business_id = $2',
      [tierId, businessId],
    );
  }

  /** Counts the admission unless the tier's quota for the period is spent (a lock ignores it). */
  private async countAdmission(
    transaction: Transaction,
    tierId: string,
    periodKey: string,
    ignoreQuota: boolean,
  ): Promise<TierMoveRefusal | null> {
    const rows: unknown[] = await transaction.query(
      `INSERT INTO tier_admissions AS a (tier_id, period_key, admitted)
       SELECT t.id, $2, 1 FROM tiers t
        WHERE t.id = $1 AND ($3::boolean OR t.quota_limit IS NULL OR t.quota_limit > 0)
       ON CONFLICT (tier_id, period_key) DO UPDATE SET admitted = a.admitted + 1
        WHERE $3::boolean
           OR (SELECT t.quota_limit FROM tiers t WHERE t.id = a.tier_id) IS NULL
           OR a.admitted < (SELECT t.quota_limit FROM tiers t WHERE t.id = a.tier_id)
       RETURNING a.admitted`,
      [tierId, periodKey, ignoreQuota],
    );
    return rows.length ? null : TierMoveRefusal.QUOTA_SPENT;
  }

  private async updateCustomer(transaction: Transaction, move: TierMove, changed: boolean): Promise<void> {
    const setLock = move.lock !== undefined;
    await transaction.query(
      `UPDATE customers
          SET tier_id = $3,
              tier_since = CASE WHEN $4::boolean THEN $5::timestamptz ELSE tier_since END,
              grace_until = NULL,
              waitlisted_for_tier_id = $6,
              qualified_at = $7,
              lock_tier_id = CASE WHEN $8::boolean THEN $9::uuid ELSE lock_tier_id END,
              lock_until = CASE WHEN $8::boolean THEN $10::timestamptz ELSE lock_until END,
              lock_reason = CASE WHEN $8::boolean THEN $11::text ELSE lock_reason END,
              updated_at = now()
        WHERE id = $1 AND business_id = $2`,
      [
        move.customerId,
        move.businessId,
        move.toTierId,
        changed,
        move.at,
        move.waitlistedForTierId ?? null,
        move.waitlistedForTierId ? (move.qualifiedAt ?? move.at) : null,
        setLock,
        move.lock?.tierId ?? null,
        move.lock?.until ?? null,
        move.lock?.reason ?? null,
      ],
    );
  }

  private async tierRefs(
    transaction: Transaction,
    businessId: string,
    ids: (string | null)[],
  ): Promise<Map<string, TierRef>> {
    const wanted = ids.filter((id): id is string => id !== null);
    if (!wanted.length) return new Map();
    const rows: {
      id: string;
      name: string;
      rank: number;
      archived: boolean;
      quota_period: Period | null;
    }[] = await transaction.query(
      `SELECT id, name, rank, archived_at IS NOT NULL AS archived, quota_period
         FROM tiers WHERE business_id = $1 AND id = ANY($2::uuid[])`,
      [businessId, wanted],
    );
    return new Map(
      rows.map((row) => [
        row.id,
        { id: row.id, name: row.name, rank: row.rank, archived: row.archived, quotaPeriod: row.quota_period },
      ]),
    );
  }
}

function refused(refusal: TierMoveRefusal): RefusedTierMove {
  return { applied: false, refusal };
}

/** By rank; leaving the ladder is down, joining it is up. An archived tier keeps its old rank. */
function directionOf(from: TierRef | null, to: TierRef | null): TierChangeDirection {
  const fromRank = from?.rank ?? 0;
  const toRank = to?.rank ?? 0;
  if (toRank > fromRank) return TierChangeDirection.UP;
  if (toRank < fromRank) return TierChangeDirection.DOWN;
  return TierChangeDirection.NONE;
}

/**
 * Turns a domain decision into the move that applies it (seatMovementOf + applyDecision), or
 * null when the decision moves no seat (STAY, WAITLISTED, grace): those only touch the
 * customer's own columns.
 */
export function tierMoveOf(
  customer: CustomerTierState,
  decision: TierDecision,
  context: Pick<TierMove, 'businessId' | 'customerId' | 'ladderVersion' | 'at' | 'source' | 'periodKey'> & {
    /** Defaults to the decision's reason. */
    reason?: string;
  },
): TierMove | null {
  const seats = seatMovementOf(decision);
  if (seats.releaseTierId === null && seats.takeTierId === null) return null;
  const after = applyDecision(customer, decision, context.at);
  return {
    ...context,
    fromTierId: customer.tierId,
    toTierId: after.tierId,
    reason: context.reason ?? decision.reason,
    score: customer.score,
    countsAsAdmission: seats.countsAsAdmission,
    ignoreCapacity: decision.kind === TierDecisionKind.LOCKED,
    waitlistedForTierId: after.waitlistedForTierId,
    qualifiedAt: after.qualifiedAt,
    lock: after.lock,
  };
}
