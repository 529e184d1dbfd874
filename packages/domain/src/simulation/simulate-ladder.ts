import { assertDate, InputProblemCode, invalidInput } from '../errors/guards.js';
import { compareWaitlistEntries } from '../growth/rank-waitlist.js';
import {
  type PlanCustomer,
  planTierMoves,
  type TierPlan,
  waitlistHeadRequests,
} from '../tiers/plan-tier-moves.js';
import { TierDecisionKind } from '../tiers/tier-decision.js';
import { indexLadder } from '../tiers/sorted-tiers.js';
import type { CustomerTierState, OccupancyByTier, TierLadder, TierOccupancy } from '../tiers/tier-ladder.js';

export interface TierMovement {
  fromTierId: string | null;
  toTierId: string | null;
  count: number;
}

export interface SimulatedTier {
  tierId: string;
  name: string;
  rank: number;
  members: number;
  capacity: number | null;
  /** Customers waiting for this tier afterwards. */
  waitlisted: number;
}

export interface LadderSimulation {
  /** Non-zero cells of the from → to matrix, sorted by from rank then to rank (no tier first). */
  movements: TierMovement[];
  /** Proposed tiers, ascending rank. */
  tiers: SimulatedTier[];
  /** How many would end lower, higher, or where they are; how many are held by a lock. */
  downgradedCount: number;
  upgradedCount: number;
  unchangedCount: number;
  lockedCount: number;
  /** Where each customer the ladder moves or queues ends: tier and the tier waited for. */
  outcomes: ReadonlyMap<string, { tierId: string | null; waitlistedForTierId: string | null }>;
}

/** Customers per batch: the sweep applies a new ladder in batches of this size, in id order. */
export const LADDER_BATCH_SIZE = 500;

function byId(a: PlanCustomer, b: PlanCustomer): number {
  return a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;
}

/**
 * The what-if of a ladder change: what the sweep will do when the ladder is set, customer by
 * customer, because it runs the same procedure — customers in id order, LADDER_BATCH_SIZE at a
 * time, each batch planned by planTierMoves, then again with the heads of the queues it opened
 * (waitlistHeadRequests), the occupancy carried from batch to batch. Capacity, quota, rounds,
 * grace and hysteresis are those of planTierMoves. Feed the population batch by batch (addBatch,
 * in id order) so a large business is never held in memory at once; only the customers the
 * change moves or queues are remembered.
 */
export class LadderWhatIf {
  private occupancy: Record<string, TierOccupancy>;
  /** Everyone waiting, with their state as the what-if has it. */
  private readonly waiting = new Map<string, PlanCustomer>();
  /** Customers the change moved or queued (or took off a queue): their state now. */
  private readonly touched = new Map<string, CustomerTierState>();
  /** The tier each customer still tracked held before the change. */
  private readonly original = new Map<string, string | null>();
  /** from tier → to tier → count, for customers no longer tracked. */
  private readonly matrix = new Map<string | null, Map<string | null, number>>();
  private lockedCount = 0;
  private lastId: string | null = null;
  private readonly pending: PlanCustomer[] = [];
  private flushed = false;

  /**
   * @param occupancy counts as they stand, keyed by tier id (new tiers: none)
   * @param waiting everyone waiting today, with their tier state (score as of `now`)
   */
  constructor(
    private readonly current: TierLadder,
    private readonly proposed: TierLadder,
    occupancy: OccupancyByTier,
    waiting: readonly PlanCustomer[],
    private readonly now: Date,
  ) {
    assertDate(now, 'now');
    this.occupancy = {};
    for (const [tierId, counts] of Object.entries(occupancy))
      if (counts) this.occupancy[tierId] = { ...counts };
    for (const customer of waiting) {
      this.waiting.set(customer.customerId, customer);
      this.original.set(customer.customerId, customer.state.tierId);
    }
  }

  /** The next customers in id order (any number: they are regrouped into the sweep's batches). */
  addBatch(customers: readonly PlanCustomer[]): void {
    const sorted = [...customers].sort(byId);
    if (sorted.length && this.lastId !== null && sorted[0].customerId <= this.lastId)
      throw invalidInput(
        'customers[].customerId',
        InputProblemCode.OUT_OF_ORDER,
        'must come in increasing id order, after the previous batch.',
        0,
      );
    if (sorted.length) this.lastId = sorted[sorted.length - 1].customerId;
    this.pending.push(...sorted);
    while (this.pending.length >= LADDER_BATCH_SIZE)
      this.planBatch(this.pending.splice(0, LADDER_BATCH_SIZE));
  }

  private flush(): void {
    if (this.pending.length) this.planBatch(this.pending.splice(0));
    // The sweep ends with an admission pass of its own (nobody decided, queues served): so does this.
    if (!this.flushed) this.planBatch([]);
    this.flushed = true;
  }

  private planBatch(given: PlanCustomer[]): void {
    const batch = given.map((customer) => {
      if (!this.original.has(customer.customerId))
        this.original.set(customer.customerId, customer.state.tierId);
      // What an earlier batch did to this customer (admitted as the head of a queue) stands.
      const state = this.touched.get(customer.customerId);
      return state
        ? { customerId: customer.customerId, state: { ...state, score: customer.state.score } }
        : customer;
    });
    const input = { ladder: this.proposed, occupancy: this.occupancy, customers: batch, now: this.now };
    let plan = planTierMoves(input);
    const requests = waitlistHeadRequests(this.proposed, plan);
    if (requests.length) {
      const inBatch = new Set(batch.map((c) => c.customerId));
      const waitlists: Record<string, PlanCustomer[]> = {};
      for (const { tierId, limit } of requests) {
        const head = [...this.waiting.values()]
          .filter((c) => c.state.waitlistedForTierId === tierId && !inBatch.has(c.customerId))
          .sort((a, b) =>
            compareWaitlistEntries(
              {
                customerId: a.customerId,
                score: a.state.score,
                qualifiedAt: a.state.qualifiedAt ?? this.now,
              },
              {
                customerId: b.customerId,
                score: b.state.score,
                qualifiedAt: b.state.qualifiedAt ?? this.now,
              },
            ),
          )
          .slice(0, limit);
        if (head.length) waitlists[tierId] = head;
      }
      if (Object.keys(waitlists).length) plan = planTierMoves({ ...input, waitlists });
    }
    this.record(batch, plan);
  }

  private record(batch: PlanCustomer[], plan: TierPlan): void {
    this.occupancy = plan.occupancy;
    for (const { decision } of plan.decisions)
      if (decision.kind === TierDecisionKind.LOCKED) this.lockedCount++;
    const before = new Map<string, CustomerTierState>();
    for (const head of this.waiting.values()) before.set(head.customerId, head.state);
    for (const customer of batch) before.set(customer.customerId, customer.state);
    const changed = new Map<string, CustomerTierState>();
    for (const move of plan.moves) changed.set(move.customerId, move.after);
    for (const change of plan.stateChanges)
      changed.set(change.customerId, { ...before.get(change.customerId)!, ...change });
    for (const [customerId, state] of changed) {
      this.touched.set(customerId, state);
      if (state.waitlistedForTierId !== null) this.waiting.set(customerId, { customerId, state });
      else this.waiting.delete(customerId);
    }
    for (const customer of batch) {
      const { customerId, state } = customer;
      if (changed.has(customerId)) continue;
      if (state.waitlistedForTierId !== null) this.waiting.set(customerId, customer);
      else if (!this.touched.has(customerId)) {
        // Left where they are and waiting for nothing: nothing later can move them. Count and forget.
        this.count(this.matrix, this.original.get(customerId) ?? null, state.tierId);
        this.original.delete(customerId);
      }
    }
  }

  private count(
    matrix: Map<string | null, Map<string | null, number>>,
    from: string | null,
    to: string | null,
  ): void {
    let row = matrix.get(from);
    if (!row) matrix.set(from, (row = new Map<string | null, number>()));
    row.set(to, (row.get(to) ?? 0) + 1);
  }

  /** The answer, once every customer was added. */
  result(): LadderSimulation {
    this.flush();
    const matrix = new Map([...this.matrix].map(([from, row]) => [from, new Map(row)]));
    for (const [customerId, from] of this.original) {
      const now = this.touched.get(customerId) ?? this.waiting.get(customerId)?.state;
      this.count(matrix, from, now ? now.tierId : from);
    }

    const proposed = indexLadder(this.proposed);
    const old = indexLadder(this.current);
    const rankOf = (tierId: string | null): number => {
      if (tierId === null) return 0;
      const now = proposed.indexById.get(tierId);
      if (now !== undefined) return proposed.tiers[now].rank;
      const before = old.indexById.get(tierId);
      return before !== undefined ? old.tiers[before].rank : 0;
    };
    let downgradedCount = 0;
    let upgradedCount = 0;
    let unchangedCount = 0;
    const movements: TierMovement[] = [];
    for (const [fromTierId, row] of matrix)
      for (const [toTierId, count] of row) {
        movements.push({ fromTierId, toTierId, count });
        // By rank: a tier replaced by a new one of the same rank is no move up or down.
        const delta = rankOf(toTierId) - rankOf(fromTierId);
        if (delta < 0) downgradedCount += count;
        else if (delta > 0) upgradedCount += count;
        else unchangedCount += count;
      }
    movements.sort(
      (a, b) =>
        rankOf(a.fromTierId) - rankOf(b.fromTierId) ||
        (a.fromTierId ?? '').localeCompare(b.fromTierId ?? '') ||
        rankOf(a.toTierId) - rankOf(b.toTierId),
    );
    return {
      movements,
      tiers: proposed.tiers.map((tier) => ({
        tierId: tier.id,
        name: tier.name,
        rank: tier.rank,
        members: this.occupancy[tier.id]?.members ?? 0,
        capacity: tier.capacity ?? null,
        waitlisted: this.occupancy[tier.id]?.waitlisted ?? 0,
      })),
      downgradedCount,
      upgradedCount,
      unchangedCount,
      lockedCount: this.lockedCount,
      outcomes: new Map(
        [...this.touched].map(([customerId, state]) => [
          customerId,
          { tierId: state.tierId, waitlistedForTierId: state.waitlistedForTierId },
        ]),
      ),
    };
  }
}
