import { assertDate } from '../errors/guards.js';
import type { PlanCustomer } from './plan-tier-moves.js';
import { indexLadder } from './sorted-tiers.js';
import type { OccupancyByTier, TierDefinition, TierLadder, TierOccupancy } from './tier-ladder.js';

/**
 * A tier whose occupancy a decision reads: it has a capacity or an admission quota (a ROUNDS
 * tier always has a quota). For any other tier free seats and quota left are Infinity whatever
 * the counts, so its counts need not be exact for a decision to be right.
 */
export function isBoundedTier(tier: TierDefinition): boolean {
  return (
    (tier.capacity !== undefined && tier.capacity !== null) ||
    (tier.admissionQuota !== undefined && tier.admissionQuota !== null)
  );
}

/** Code of OccupancyNotExactError (one code: the error has one cause). */
export const OCCUPANCY_NOT_EXACT = 'OCCUPANCY_NOT_EXACT';

/**
 * A plan tried to read or change the counts of a bounded tier its caller did not hold exactly
 * (planTierMoves' `exactTierIds`). Never a user error: the caller computed its exact set too
 * narrowly (a bug), and must plan again with every tier exact rather than decide on a count
 * nobody locked.
 */
export class OccupancyNotExactError extends Error {
  readonly code = OCCUPANCY_NOT_EXACT;

  constructor(readonly tierId: string) {
    super(`${OCCUPANCY_NOT_EXACT}: a plan read the occupancy of bounded tier ${tierId}, which is not exact`);
    this.name = 'OccupancyNotExactError';
  }
}

/**
 * The bounded tiers whose occupancy a plan of `customers` may read or change, as decideTier and
 * planTierMoves read it (conservative: a superset is always safe, a subset makes the plan throw
 * OccupancyNotExactError). Per customer: the bounded tiers they hold, wait for or are locked to;
 * the tiers above their tier up to the highest whose entry score their score meets (an upgrade
 * tries each, from the top down; a customer in a tier that left the ladder starts from the
 * bottom); and every tier below theirs when their score is under its retain score (a downgrade
 * or grace warning looks for the highest lower tier with a seat). Tiers not in the ladder are
 * never bounded here (archived: the caller holds them as it holds a customer's row).
 */
export function tiersAPlanReads(
  ladder: TierLadder,
  customers: readonly PlanCustomer[],
  now: Date,
): Set<string> {
  assertDate(now, 'now');
  const { tiers, indexById } = indexLadder(ladder);
  const read = new Set<string>();
  const add = (tier: TierDefinition | undefined) => {
    if (tier !== undefined && isBoundedTier(tier)) read.add(tier.id);
  };
  const byId = (id: string | null) => {
    const index = id === null ? undefined : indexById.get(id);
    return index === undefined ? undefined : tiers[index];
  };
  for (const { state } of customers) {
    add(byId(state.tierId));
    add(byId(state.waitlistedForTierId));
    if (state.lock !== null) add(byId(state.lock.tierId));
    // A leaving customer reads nothing more, but deciding them as if they stayed costs only locks.
    const currentIndex = state.tierId === null ? -1 : (indexById.get(state.tierId) ?? -1);
    let top = -1;
    for (let i = tiers.length - 1; i > currentIndex; i--)
      if (state.score >= tiers[i].entryScore) {
        top = i;
        break;
      }
    for (let i = currentIndex + 1; i <= top; i++) add(tiers[i]);
    const current = currentIndex >= 0 ? tiers[currentIndex] : undefined;
    if (current !== undefined && state.score < current.retainScore)
      for (let i = 0; i < currentIndex; i++) add(tiers[i]);
  }
  return read;
}

/**
 * The occupancy a restricted plan decides on: reading the entry of a bounded tier outside
 * `exactTierIds` throws OccupancyNotExactError, so no decision can ever rest on a count its
 * caller did not lock. Entries of unbounded tiers read as they are (no decision turns on them).
 */
export function guardedOccupancy(
  ladder: TierLadder,
  occupancy: Record<string, TierOccupancy>,
  exactTierIds: ReadonlySet<string>,
): OccupancyByTier {
  const notExact = notExactTierIds(ladder, exactTierIds);
  return new Proxy(occupancy, {
    get(target, key, receiver) {
      if (typeof key === 'string' && notExact.has(key)) throw new OccupancyNotExactError(key);
      return Reflect.get(target, key, receiver) as unknown;
    },
  });
}

/** Bounded tiers of the ladder outside `exactTierIds`: those a restricted plan may not touch. */
export function notExactTierIds(ladder: TierLadder, exactTierIds: ReadonlySet<string>): Set<string> {
  return new Set(
    ladder.tiers.filter((tier) => isBoundedTier(tier) && !exactTierIds.has(tier.id)).map((t) => t.id),
  );
}
