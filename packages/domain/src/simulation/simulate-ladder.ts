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
  /**
   * Where each customer the ladder moves or queues ends: tier and the tier waited for (empty
   * when the what-if was run without `outcomes`).
   */
  outcomes: ReadonlyMap<string, { tierId: string | null; waitlistedForTierId: string | null }>;
}

/** Customers per batch: the sweep applies a new ladder in batches of this size, in id order. */
export const LADDER_BATCH_SIZE = 500;

function byId(a: PlanCustomer, b: PlanCustomer): number {
  return a.customerId < b.customerId ? -1 : a.customerId > b.customerId ? 1 : 0;
}

/** A business's waitlists as the what-if has them: who waits, and each queue in admission order. */
class WaitingCustomers {
  /** Everyone waiting, with their state as the what-if has it. */
  private readonly byId = new Map<string, PlanCustomer>();
  /**
   * Per tier waited for: entries in admission order, plus those queued since it was last sorted.
   * An entry whose customer left the queue or was queued again (a new object in byId) is stale
   * and skipped; stale entries are dropped when the queue is next merged.
   */
  private readonly queues = new Map<string, { sorted: PlanCustomer[]; added: PlanCustomer[] }>();

  constructor(private readonly now: Date) {}

  get(customerId: string): PlanCustomer | undefined {
    return this.byId.get(customerId);
  }

  has(customerId: string): boolean {
    return this.byId.has(customerId);
  }

  /** Queues (or re-queues) a customer whose state waits for a tier. */
  set(customer: PlanCustomer): void {
    this.byId.set(customer.customerId, customer);
    const tierId = customer.state.waitlistedForTierId!;
    let queue = this.queues.get(tierId);
    if (!queue) this.queues.set(tierId, (queue = { sorted: [], added: [] }));
    queue.added.push(customer);
  }

  delete(customerId: string): void {
    this.byId.delete(customerId);
  }

  /**
   * The first `limit` customers waiting for `tierId`, leaving out `exclude`, in the domain's
   * admission order: the queue is sorted once and kept sorted (only newcomers are sorted and
   * merged in), not re-sorted whole for every batch.
   */
  head(tierId: string, limit: number, exclude: ReadonlySet<string>): PlanCustomer[] {
    const queue = this.queues.get(tierId);
    if (!queue) return [];
    const live = (c: PlanCustomer) => this.byId.get(c.customerId) === c;
    if (queue.added.length) {
      queue.sorted = mergeSorted(
        queue.sorted.filter(live),
        queue.added.filter(live).sort(this.compare),
        this.compare,
      );
      queue.added = [];
    }
    const head: PlanCustomer[] = [];
    let stale = 0;
    for (const customer of queue.sorted) {
      if (head.length === limit) break;
      if (!live(customer)) stale++;
      else if (!exclude.has(customer.customerId)) head.push(customer);
    }
    // Admitted heads leave the front of the queue: drop them before they are scanned again.
    if (stale > limit) queue.sorted = queue.sorted.filter(live);
    return head;
  }

  private readonly compare = (a: PlanCustomer, b: PlanCustomer): number =>
    compareWaitlistEntries(
      { customerId: a.customerId, score: a.state.score, qualifiedAt: a.state.qualifiedAt ?? this.now },
      { customerId: b.customerId, score: b.state.score, qualifiedAt: b.state.qualifiedAt ?? this.now },
    );
}

function mergeSorted<T>(a: T[], b: T[], compare: (x: T, y: T) => number): T[] {
  if (!a.length) return b;
  if (!b.length) return a;
  const out: T[] = new Array<T>(a.length + b.length);
  let i = 0;
  let j = 0;
  let k = 0;
  while (i < a.length && j < b.length) out[k++] = compare(a[i], b[j]) <= 0 ? a[i++] : b[j++];
  while (i < a.length) out[k++] = a[i++];
  while (j < b.length) out[k++] = b[j++];
  return out;
}

export interface LadderWhatIfOptions {
  /**
   * Keep `outcomes`, customer by customer (default true). Without them the what-if holds only
   * the customers still waiting and those an earlier batch moved ahead of their own batch, so
   * its memory does not grow with the number of customers the change moves.
   */
  outcomes?: boolean;
}

/**
 * The what-if of a ladder change: what the sweep will do when the ladder is set, customer by
 * customer, because it runs the same procedure — customers in id order, LADDER_BATCH_SIZE at a
 * time, each batch planned by planTierMoves, then again with the heads of the queues it opened
 * (waitlistHeadRequests), the occupancy carried from batch to batch. Capacity, quota, rounds,
 * grace and hysteresis are those of planTierMoves. Feed the waiting customers first (constructor
 * or addWaiting, any order), then the population batch by batch (addBatch, in id order), so a
 * large business is never held in memory at once: a customer is counted in the movement matrix
 * and forgotten as soon as nothing later can move them (their batch is planned and they wait for
 * nothing).
 */
export class LadderWhatIf {
  private occupancy: Record<string, TierOccupancy>;
  private readonly waiting: WaitingCustomers;
  /** Customers the change moved or queued (or took off a queue) and not yet counted: their state now. */
  private readonly touched = new Map<string, CustomerTierState>();
  /** The tier each customer still tracked held before the change. */
  private readonly original = new Map<string, string | null>();
  /** from tier → to tier → count, for customers no longer tracked. */
  private readonly matrix = new Map<string | null, Map<string | null, number>>();
  /** Where the customers the change moved or queued end (kept only with `outcomes`). */
  private readonly outcomes: Map<
    string,
    { tierId: string | null; waitlistedForTierId: string | null }
  > | null;
  private lockedCount = 0;
  private lastId: string | null = null;
  /** The last customer id of the batches planned so far: nobody at or before it is planned again. */
  private plannedUpTo: string | null = null;
  private readonly pending: PlanCustomer[] = [];
  private flushed = false;

  /**
   * @param occupancy counts as they stand, keyed by tier id (new tiers: none)
   * @param waiting everyone waiting today, with their tier state (score as of `now`); or pass
   *   them a page at a time with addWaiting before the first addBatch
   */
  constructor(
    private readonly current: TierLadder,
    private readonly proposed: TierLadder,
    occupancy: OccupancyByTier,
    waiting: readonly PlanCustomer[],
    private readonly now: Date,
    options: LadderWhatIfOptions = {},
  ) {
    assertDate(now, 'now');
    this.occupancy = {};
    for (const [tierId, counts] of Object.entries(occupancy))
      if (counts) this.occupancy[tierId] = { ...counts };
    this.waiting = new WaitingCustomers(now);
    this.outcomes = options.outcomes === false ? null : new Map();
    this.addWaiting(waiting);
  }

  /** More of the customers waiting today (before the first addBatch). */
  addWaiting(customers: readonly PlanCustomer[]): void {
    if (customers.length && (this.lastId !== null || this.flushed))
      throw invalidInput(
        'waiting[]',
        InputProblemCode.OUT_OF_ORDER,
        'must all be given before the first batch of customers.',
        0,
      );
    for (const customer of customers) {
      this.waiting.set(customer);
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
    for (const customer of sorted) this.pending.push(customer);
    let from = 0;
    while (this.pending.length - from >= LADDER_BATCH_SIZE) {
      this.planBatch(this.pending.slice(from, from + LADDER_BATCH_SIZE));
      from += LADDER_BATCH_SIZE;
    }
    this.pending.splice(0, from);
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
    if (batch.length) this.plannedUpTo = batch[batch.length - 1].customerId;
    const input = { ladder: this.proposed, occupancy: this.occupancy, customers: batch, now: this.now };
    let plan = planTierMoves(input);
    const requests = waitlistHeadRequests(this.proposed, plan);
    if (requests.length) {
      const inBatch = new Set(batch.map((c) => c.customerId));
      const waitlists: Record<string, PlanCustomer[]> = {};
      for (const { tierId, limit } of requests) {
        const head = this.waiting.head(tierId, limit, inBatch);
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
    const inBatch = new Map(batch.map((customer) => [customer.customerId, customer.state]));
    const before = (customerId: string) => inBatch.get(customerId) ?? this.waiting.get(customerId)!.state;
    const changed = new Map<string, CustomerTierState>();
    for (const move of plan.moves) changed.set(move.customerId, move.after);
    for (const change of plan.stateChanges)
      changed.set(change.customerId, { ...before(change.customerId), ...change });
    for (const [customerId, state] of changed) {
      this.touched.set(customerId, state);
      if (state.waitlistedForTierId !== null) this.waiting.set({ customerId, state });
      else this.waiting.delete(customerId);
    }
    for (const customer of batch) {
      const { customerId, state } = customer;
      if (changed.has(customerId)) continue;
      if (state.waitlistedForTierId !== null) {
        if (this.waiting.get(customerId) !== customer) this.waiting.set(customer);
      } else if (!this.touched.has(customerId)) {
        // Left where they are and waiting for nothing: nothing later can move them. Count and forget.
        this.count(this.matrix, this.original.get(customerId) ?? null, state.tierId);
        this.original.delete(customerId);
      }
    }
    // Customers this batch settled for good (planned, waiting for nothing): count them now.
    for (const customerId of new Set([...inBatch.keys(), ...changed.keys()])) this.settle(customerId);
  }

  /** Counts and forgets a tracked customer once nothing later can move them. */
  private settle(customerId: string): void {
    if (this.plannedUpTo === null || customerId > this.plannedUpTo || this.waiting.has(customerId)) return;
    const state = this.touched.get(customerId);
    if (!state) return;
    this.count(this.matrix, this.original.get(customerId) ?? null, state.tierId);
    this.outcomes?.set(customerId, { tierId: state.tierId, waitlistedForTierId: state.waitlistedForTierId });
    this.original.delete(customerId);
    this.touched.delete(customerId);
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
    const outcomes = new Map(this.outcomes ?? []);
    if (this.outcomes)
      for (const [customerId, state] of this.touched)
        outcomes.set(customerId, { tierId: state.tierId, waitlistedForTierId: state.waitlistedForTierId });

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
      outcomes,
    };
  }
}
