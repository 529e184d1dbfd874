import { assertDate, assertUniqueIds } from '../errors/guards.js';
import { admitFromWaitlist } from '../growth/admit-from-waitlist.js';
import { periodWindowAt } from '../growth/period.js';
import { freeSeats } from '../growth/seat-availability.js';
import { applyDecision, seatMovementOf } from './apply-decision.js';
import { decideTier } from './decide-tier.js';
import { guardedOccupancy, notExactTierIds, OccupancyNotExactError } from './exact-occupancy.js';
import { indexLadder } from './sorted-tiers.js';
import { TierDecisionKind, TierDecisionReason, type TierDecision } from './tier-decision.js';
import {
  AdmissionMode,
  type CustomerTierState,
  type OccupancyByTier,
  type TierDefinition,
  type TierLadder,
  type TierOccupancy,
} from './tier-ladder.js';

/** A customer to decide: their tier state with `score` as of `now`. */
export interface PlanCustomer {
  customerId: string;
  state: CustomerTierState;
  /** Erased: they leave their tier and any queue (reason ERASED), whatever their score or lock. */
  leaving?: boolean;
}

export enum TierMoveDirection {
  UP = 'UP',
  DOWN = 'DOWN',
  NONE = 'NONE',
}

/** One seat that changes hands: the whole of what the writer needs to apply it. */
export interface PlannedMove {
  customerId: string;
  fromTierId: string | null;
  toTierId: string | null;
  /** By rank (an archived tier by the rank it had, see `archivedTierRanks`): the event's direction. */
  direction: TierMoveDirection;
  reason: TierDecisionReason;
  score: number;
  /** Entering `toTierId` counts against its admission quota (upgrades and admissions only). */
  countsAsAdmission: boolean;
  /** A lock is the owner's explicit choice: it takes its seat even in a full tier or a spent quota. */
  forcedByLock: boolean;
  /** The customer's state once the move is applied. */
  after: CustomerTierState;
}

/** The reason code history and the tier-changed event record for a lock's move. */
export const LOCKED_MOVE_REASON = 'LOCKED';

/**
 * The reason code a move is recorded with (history, tier-changed event): its decision's reason,
 * except that a move a lock forced reads LOCKED, whoever applies it (owner, sweep or batch).
 */
export function recordedReasonOf(move: Pick<PlannedMove, 'reason' | 'forcedByLock'>): string {
  return move.forcedByLock ? LOCKED_MOVE_REASON : move.reason;
}

/** A decision that moves no seat but changes the customer's grace or waitlist columns. */
export interface PlannedStateChange {
  customerId: string;
  graceUntil: Date | null;
  waitlistedForTierId: string | null;
  qualifiedAt: Date | null;
}

/** A grace period that started: the customer is warned of the downgrade to come. */
export interface PlannedWarning {
  customerId: string;
  tierId: string;
  toTierId: string | null;
  on: Date;
  score: number;
}

export interface TierPlanInput {
  ladder: TierLadder;
  /** Counts of every tier the customers hold or want, as they are before the plan. */
  occupancy: OccupancyByTier;
  customers: readonly PlanCustomer[];
  /**
   * The heads of waitlists (customers waiting and not among `customers`), per tier id, in any
   * order: who may take a seat that frees up or a round. Omit for none.
   */
  waitlists?: Readonly<Record<string, readonly PlanCustomer[]>>;
  /**
   * Ranks of tiers no longer in the ladder that customers still hold (archived), by id: a move
   * out of one is up or down by the rank it had, as the tier-changed event names it. Omit for
   * none (such a tier then counts as below every tier of the ladder).
   */
  archivedTierRanks?: Readonly<Record<string, number>>;
  now: Date;
  /**
   * The tiers whose occupancy the caller holds exactly (their rows locked for its writes); omit
   * when all are. With it, waitlists are served and rounds held only for these tiers, and any
   * read or change of the counts of a bounded tier (capacity or quota) outside it throws
   * OccupancyNotExactError instead of deciding on a count nobody locked (see tiersAPlanReads).
   */
  exactTierIds?: ReadonlySet<string>;
}

export interface TierPlan {
  /** Every customer's decision, in the order they were decided (best score first). */
  decisions: { customerId: string; decision: TierDecision }[];
  moves: PlannedMove[];
  stateChanges: PlannedStateChange[];
  warnings: PlannedWarning[];
  /** Occupancy once every move is applied. */
  occupancy: Record<string, TierOccupancy>;
  /** ROUNDS tiers whose round for the current period was held by this plan (period key). */
  roundsHeld: { tierId: string; periodKey: string }[];
}

function byScoreThenId(a: PlanCustomer, b: PlanCustomer): number {
  if (a.state.score !== b.state.score) return b.state.score - a.state.score;
  return a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;
}

function directionOf(
  ladder: TierLadder,
  archivedRanks: Readonly<Record<string, number>>,
  from: string | null,
  to: string | null,
): TierMoveDirection {
  const { tiers, indexById } = indexLadder(ladder);
  const rank = (id: string | null): number => {
    if (id === null) return 0;
    const index = indexById.get(id);
    if (index !== undefined) return tiers[index].rank;
    // An archived tier keeps the rank its event reports, so direction and ranks always agree;
    // one whose rank is not given is below every tier of the ladder.
    return archivedRanks[id] ?? 0.5;
  };
  const delta = rank(to) - rank(from);
  return delta > 0 ? TierMoveDirection.UP : delta < 0 ? TierMoveDirection.DOWN : TierMoveDirection.NONE;
}

function sameState(a: CustomerTierState, b: CustomerTierState): boolean {
  return (
    a.graceUntil?.getTime() === b.graceUntil?.getTime() &&
    a.waitlistedForTierId === b.waitlistedForTierId &&
    a.qualifiedAt?.getTime() === b.qualifiedAt?.getTime()
  );
}

/** A round tier holds its round once per period, the first time the plan runs in the period. */
function roundDue(
  tier: TierDefinition,
  occupancy: TierOccupancy,
  nowMs: number,
  timeZone: string,
): string | null {
  if (tier.admissionMode !== AdmissionMode.ROUNDS || !tier.admissionQuota) return null;
  const key = periodWindowAt(nowMs, tier.admissionQuota.period, timeZone).key;
  return occupancy.roundHeldFor === key ? null : key;
}

/**
 * The one rule for every tier change: decides a set of customers against the ladder and the
 * occupancy, then serves the waitlists, and returns every decision, the seat moves, the state
 * changes, the warnings and the occupancy after. The worker's batches, the sweep, the api's
 * locks and erasures, and the what-if all call it.
 *
 * Customers are decided best score first (ties by id), so the result does not depend on their
 * input order and qualifiers decided together take seats in score order. Capacity and quota
 * are never exceeded except by a lock. Waitlists are served highest tier first: CONTINUOUS tiers
 * whenever a seat and quota are free, ROUNDS tiers once per period (the best of the waitlist as
 * of that moment). Seats freed late in a plan are offered again until nothing moves, so the plan
 * settles: planning its result again moves nobody. A customer moves at most once per plan (from
 * their tier before the plan to their tier after it).
 */
export function planTierMoves(input: TierPlanInput): TierPlan {
  assertDate(input.now, 'now');
  assertUniqueIds(input.customers, (c) => c.customerId, 'customers[].customerId');
  const planner = new Planner(input);
  const ordered = [...input.customers].sort(byScoreThenId);
  let changed = planner.decideAll(ordered);
  planner.serveWaitlists();
  // Each further round only places customers into seats freed in the round before: bounded.
  for (let round = 0; changed && round <= ordered.length; round++) {
    changed = planner.decideAll(ordered);
    if (planner.serveWaitlists()) changed = true;
  }
  return planner.result();
}

class Planner {
  private readonly occupancy: Record<string, TierOccupancy> = {};
  /** What decideTier reads: the occupancy itself, or guarded when only some tiers are exact. */
  private readonly view: OccupancyByTier;
  /** Bounded tiers outside the caller's exact set: no count of theirs may be read or changed. */
  private readonly notExact: ReadonlySet<string>;
  private readonly states = new Map<string, CustomerTierState>();
  private readonly heads = new Map<string, CustomerTierState>();
  private readonly originals = new Map<string, CustomerTierState>();
  private readonly decisions = new Map<string, TierDecision>();
  private readonly moves = new Map<string, PlannedMove>();
  private readonly warnings: PlannedWarning[] = [];
  private readonly roundsHeld: { tierId: string; periodKey: string }[] = [];
  private readonly nowMs: number;

  constructor(private readonly input: TierPlanInput) {
    this.nowMs = input.now.getTime();
    for (const [tierId, counts] of Object.entries(input.occupancy))
      if (counts) this.occupancy[tierId] = { ...counts };
    const exact = input.exactTierIds;
    this.notExact = exact ? notExactTierIds(input.ladder, exact) : new Set();
    this.view = exact ? guardedOccupancy(input.ladder, this.occupancy, exact) : this.occupancy;
    for (const customer of input.customers) {
      this.states.set(customer.customerId, customer.state);
      this.originals.set(customer.customerId, customer.state);
    }
    for (const list of Object.values(input.waitlists ?? {}))
      for (const customer of list ?? [])
        if (!this.states.has(customer.customerId)) {
          this.heads.set(customer.customerId, customer.state);
          this.originals.set(customer.customerId, customer.state);
        }
  }

  private occupancyOf(tierId: string): TierOccupancy {
    if (this.notExact.has(tierId)) throw new OccupancyNotExactError(tierId);
    return (this.occupancy[tierId] ??= { members: 0, admissionsInPeriod: 0 });
  }

  /** Decides each customer against the occupancy as it stands; true when anything changed. */
  decideAll(customers: readonly PlanCustomer[]): boolean {
    const { ladder, now } = this.input;
    let changed = false;
    for (const { customerId, leaving } of customers) {
      const state = this.states.get(customerId)!;
      if (leaving) {
        if (this.leave(customerId, state)) changed = true;
        continue;
      }
      const decision = decideTier(state, ladder, this.view, now);
      this.decisions.set(customerId, decision);
      const after = applyDecision(state, decision, now);
      const seats = seatMovementOf(decision);
      if (seats.releaseTierId !== null || seats.takeTierId !== null) {
        this.move(
          customerId,
          after,
          decision.reason,
          seats.countsAsAdmission,
          decision.kind === TierDecisionKind.LOCKED,
        );
        changed = true;
      } else if (!sameState(state, after)) {
        this.setState(customerId, after);
        changed = true;
        if (decision.kind === TierDecisionKind.GRACE_STARTED && state.tierId !== null)
          this.warnings.push({
            customerId,
            tierId: state.tierId,
            toTierId: decision.downgradeWarning.toTierId,
            on: decision.downgradeWarning.on,
            score: state.score,
          });
      }
    }
    return changed;
  }

  /** Seats freed or kept for the queue go to the waitlists in rank order; true when anyone moved. */
  serveWaitlists(): boolean {
    const { ladder, now } = this.input;
    let changed = false;
    const exact = this.input.exactTierIds;
    for (const tier of [...indexLadder(ladder).tiers].reverse()) {
      // A queue or round of a tier the caller does not hold exactly waits for a plan that does.
      if (exact && !exact.has(tier.id)) continue;
      const occupancy = this.occupancyOf(tier.id);
      if (tier.admissionMode === AdmissionMode.ROUNDS) {
        const round = roundDue(tier, occupancy, this.nowMs, ladder.timeZone);
        if (round === null) continue;
        occupancy.roundHeldFor = round;
        this.roundsHeld.push({ tierId: tier.id, periodKey: round });
      }
      if (!(occupancy.waitlisted ?? 0) || freeSeats(tier, occupancy) <= 0) continue;
      const waiting: { customerId: string; score: number; qualifiedAt: Date }[] = [];
      for (const source of [this.states, this.heads])
        for (const [customerId, state] of source)
          if (state.waitlistedForTierId === tier.id)
            waiting.push({ customerId, score: state.score, qualifiedAt: state.qualifiedAt ?? now });
      const { admitted, noLongerQualified } = admitFromWaitlist(
        waiting,
        tier,
        { ...occupancy, waitlisted: 0 },
        now,
        ladder.timeZone,
      );
      for (const customerId of admitted) {
        const state = this.stateOf(customerId);
        const after: CustomerTierState = {
          ...state,
          tierId: tier.id,
          since: now,
          graceUntil: null,
          waitlistedForTierId: null,
          qualifiedAt: null,
        };
        this.move(customerId, after, TierDecisionReason.ADMITTED_FROM_WAITLIST, true, false);
        changed = true;
      }
      for (const customerId of noLongerQualified)
        this.setState(customerId, {
          ...this.stateOf(customerId),
          waitlistedForTierId: null,
          qualifiedAt: null,
        });
    }
    return changed;
  }

  /** An erased customer gives their seat back and leaves any queue; once is enough. */
  private leave(customerId: string, state: CustomerTierState): boolean {
    if (state.tierId === null && state.waitlistedForTierId === null && state.lock === null) return false;
    const after: CustomerTierState = {
      ...state,
      tierId: null,
      since: state.tierId === null ? state.since : this.input.now,
      graceUntil: null,
      waitlistedForTierId: null,
      qualifiedAt: null,
      lock: null,
    };
    if (state.tierId !== null) this.move(customerId, after, TierDecisionReason.ERASED, false, false);
    else this.setState(customerId, after);
    return true;
  }

  private stateOf(customerId: string): CustomerTierState {
    return this.states.get(customerId) ?? this.heads.get(customerId)!;
  }

  private setState(customerId: string, after: CustomerTierState): void {
    const before = this.stateOf(customerId);
    this.trackWaitlist(before.waitlistedForTierId, after.waitlistedForTierId);
    (this.states.has(customerId) ? this.states : this.heads).set(customerId, after);
    const move = this.moves.get(customerId);
    if (move) this.moves.set(customerId, { ...move, after });
  }

  /** Moves the customer's seat; a second move in one plan merges with the first. */
  private move(
    customerId: string,
    after: CustomerTierState,
    reason: TierDecisionReason,
    countsAsAdmission: boolean,
    forcedByLock: boolean,
  ): void {
    const { ladder } = this.input;
    const before = this.stateOf(customerId);
    if (before.tierId !== null && before.tierId !== after.tierId) {
      const from = this.occupancyOf(before.tierId);
      from.members = Math.max(0, from.members - 1);
    }
    if (after.tierId !== null && before.tierId !== after.tierId) {
      const to = this.occupancyOf(after.tierId);
      to.members += 1;
      if (countsAsAdmission) this.countAdmission(after.tierId, +1);
    }
    const earlier = this.moves.get(customerId);
    // Only one admission is written for the merged move: the earlier one is given back.
    if (earlier?.countsAsAdmission && earlier.toTierId !== null) this.countAdmission(earlier.toTierId, -1);
    this.setState(customerId, after);
    const fromTierId = this.originals.get(customerId)!.tierId;
    this.moves.set(customerId, {
      customerId,
      fromTierId,
      toTierId: after.tierId,
      direction: directionOf(ladder, this.input.archivedTierRanks ?? {}, fromTierId, after.tierId),
      reason,
      score: before.score,
      countsAsAdmission,
      forcedByLock,
      after,
    });
  }

  private countAdmission(tierId: string, delta: number): void {
    const { ladder } = this.input;
    const counts = this.occupancyOf(tierId);
    const quota = ladder.tiers.find((t) => t.id === tierId)?.admissionQuota;
    if (quota && counts.periodKey !== undefined) {
      // A count from an earlier period restarts in this one.
      const key = periodWindowAt(this.nowMs, quota.period, ladder.timeZone).key;
      if (counts.periodKey !== key) {
        counts.admissionsInPeriod = 0;
        counts.periodKey = key;
      }
    }
    counts.admissionsInPeriod = Math.max(0, counts.admissionsInPeriod + delta);
  }

  private trackWaitlist(before: string | null, after: string | null): void {
    if (before === after) return;
    if (before !== null) {
      const left = this.occupancyOf(before);
      left.waitlisted = Math.max(0, (left.waitlisted ?? 0) - 1);
    }
    if (after !== null) {
      const joined = this.occupancyOf(after);
      joined.waitlisted = (joined.waitlisted ?? 0) + 1;
    }
  }

  result(): TierPlan {
    const moves: PlannedMove[] = [];
    const stateChanges: PlannedStateChange[] = [];
    // In decision order (best score first), whatever order the customers came in.
    const ordered = [...this.originals]
      .map(([customerId, state]) => ({ customerId, state }))
      .sort(byScoreThenId);
    for (const { customerId, state: original } of ordered) {
      const move = this.moves.get(customerId);
      const now = this.stateOf(customerId);
      if (move && move.fromTierId !== move.toTierId) moves.push(move);
      else if (!sameState(original, now))
        stateChanges.push({
          customerId,
          graceUntil: now.graceUntil,
          waitlistedForTierId: now.waitlistedForTierId,
          qualifiedAt: now.qualifiedAt,
        });
    }
    return {
      decisions: [...this.decisions].map(([customerId, decision]) => ({ customerId, decision })),
      moves,
      stateChanges,
      warnings: this.warnings,
      occupancy: this.occupancy,
      roundsHeld: this.roundsHeld,
    };
  }
}

/** How many customers of a tier's waitlist a batch needs to see to serve it (its free seats, plus a margin). */
export interface WaitlistHeadRequest {
  tierId: string;
  limit: number;
}

/** Margin above the free seats: customers at the head who no longer qualify leave instead of entering. */
const HEAD_MARGIN = 20;
/** A plan never reads more of one queue than this, however many seats are free. */
const MAX_HEAD = 1000;

/**
 * After a first plan of a batch (without waitlist heads): the queues it opened — people waiting
 * and a seat free or given to the batch's own waiters, or a round due — and how much of each head
 * to bring for the second plan.
 * The worker and the what-if both plan a batch this way, so they agree customer by customer.
 */
export function waitlistHeadRequests(
  ladder: TierLadder,
  plan: TierPlan,
  /** The plan's `exactTierIds`: queues of other tiers are not served by it, so not asked for. */
  exactTierIds?: ReadonlySet<string>,
): WaitlistHeadRequest[] {
  const requests: WaitlistHeadRequest[] = [];
  for (const tier of ladder.tiers) {
    if (exactTierIds && !exactTierIds.has(tier.id)) continue;
    const after = plan.occupancy[tier.id];
    if (!after?.waitlisted) continue;
    // Seats this plan gave to the queue went to the batch's own waiters, the only ones it saw:
    // they are offered again with the head, so a waiter ahead of them is not passed over.
    const admitted = plan.moves.filter(
      (move) => move.toTierId === tier.id && move.reason === TierDecisionReason.ADMITTED_FROM_WAITLIST,
    ).length;
    const open = freeSeats(tier, after) + admitted;
    if (open <= 0) continue;
    if (tier.admissionMode === AdmissionMode.ROUNDS && !plan.roundsHeld.some((r) => r.tierId === tier.id))
      continue;
    requests.push({ tierId: tier.id, limit: Math.min(open, MAX_HEAD) + HEAD_MARGIN });
  }
  return requests;
}

/**
 * Whether a batch may change any tier state, judged from a plan made on an occupancy read without
 * the tier locks (it may be stale by the time the locks would be held). False only when that plan
 * moves nobody, changes no grace or waitlist, warns nobody, holds no round and opens no queue,
 * and none of the batch waits for a tier. A customer who waits is the one decision that turns on
 * seats and quota alone (a seat may free up), so a waiter always answers true; for everyone else,
 * "nothing changes" does not depend on the counts: a score that reaches a higher tier moves or
 * queues the customer whatever the seats, and one that keeps its tier keeps it whatever they are.
 * When this is false the caller may skip the tier locks: it writes no seat, so it cannot overfill
 * one. When true, it must lock and plan again on the exact occupancy.
 */
export function mayChangeTiers(
  ladder: TierLadder,
  customers: readonly PlanCustomer[],
  plan: TierPlan,
): boolean {
  return (
    plan.moves.length > 0 ||
    plan.stateChanges.length > 0 ||
    plan.warnings.length > 0 ||
    plan.roundsHeld.length > 0 ||
    customers.some((customer) => customer.leaving || customer.state.waitlistedForTierId !== null) ||
    waitlistHeadRequests(ladder, plan).length > 0
  );
}
