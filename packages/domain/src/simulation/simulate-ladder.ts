import { assertDate } from '../errors/guards.js';
import { indexLadder } from '../tiers/sorted-tiers.js';
import type { TierLadder } from '../tiers/tier-ladder.js';
import { assertPopulation } from './assert-population.js';

export interface SimulationCustomer {
  customerId: string;
  score: number;
  currentTierId: string | null;
  lock?: { tierId: string; until: Date | null } | null;
}

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
  /** Customers who qualify for this tier but found it full. */
  waitlisted: number;
}

export interface LadderSimulation {
  /** Non-zero cells of the from → to matrix, sorted by from then to (null first). */
  movements: TierMovement[];
  /** Proposed tiers, ascending rank. */
  tiers: SimulatedTier[];
  /** Customers who would end lower than today, in population order. */
  downgraded: string[];
  upgradedCount: number;
  unchangedCount: number;
  lockedCount: number;
}

const NO_TIER = -1;

/**
 * Where everyone would stand under `proposed` once it settles (grace periods elapsed,
 * admission quotas ignored: they only pace arrivals). Locked customers keep their lock tier
 * and count against capacity first. Everyone else aims for the highest tier whose entryScore
 * they meet, or the tier they hold now if it survives and they still meet its retainScore;
 * capped tiers are filled in score order (ties by customerId) and those who miss out fall to
 * the next tier down with room. Linear apart from one sort; no per-customer objects.
 */
export function simulateLadder(
  population: readonly SimulationCustomer[],
  current: TierLadder,
  proposed: TierLadder,
  now: Date,
): LadderSimulation {
  assertDate(now, 'now');
  assertPopulation(population);
  const nowMs = now.getTime();
  const { tiers, indexById } = indexLadder(proposed);
  const before = indexLadder(current);
  const tierCount = tiers.length;
  const count = population.length;
  const entries = Float64Array.from(tiers, (tier) => tier.entryScore);
  const capacities = Float64Array.from(tiers, (tier) => tier.capacity ?? Infinity);
  const members = new Float64Array(tierCount);
  const waitlisted = new Float64Array(tierCount);

  // Old tiers are numbered by the order they are met; fromRank compares in the proposed ladder
  // when the tier survives, otherwise by its old rank.
  const fromKeyById = new Map<string | null, number>();
  const fromIds: (string | null)[] = [];
  const fromRanks: number[] = [];
  const fromKey = new Int32Array(count);
  const target = new Int32Array(count);
  const needsSeat: number[] = [];
  let lockedCount = 0;
  let anyCapped = false;
  for (let t = 0; t < tierCount; t++) if (capacities[t] !== Infinity) anyCapped = true;

  for (let i = 0; i < count; i++) {
    const customer = population[i];
    const fromId = customer.currentTierId;
    let key = fromKeyById.get(fromId);
    if (key === undefined) {
      key = fromIds.length;
      fromKeyById.set(fromId, key);
      fromIds.push(fromId);
      const survivor = fromId === null ? undefined : indexById.get(fromId);
      const old = fromId === null ? undefined : before.indexById.get(fromId);
      fromRanks.push(
        survivor !== undefined ? tiers[survivor].rank : old !== undefined ? before.tiers[old].rank : 0,
      );
    }
    fromKey[i] = key;

    const lock = customer.lock;
    const lockIndex = lock ? indexById.get(lock.tierId) : undefined;
    if (lock && lockIndex !== undefined && (lock.until === null || nowMs < lock.until.getTime())) {
      target[i] = lockIndex;
      members[lockIndex] += 1;
      lockedCount++;
      continue;
    }
    const score = customer.score;
    let wanted = NO_TIER;
    for (let t = tierCount - 1; t >= 0; t--) {
      if (score >= entries[t]) {
        wanted = t;
        break;
      }
    }
    const held = fromId === null ? undefined : indexById.get(fromId);
    if (held !== undefined && held > wanted && score >= tiers[held].retainScore) wanted = held;
    target[i] = wanted;
    if (wanted !== NO_TIER) {
      if (anyCapped) needsSeat.push(i);
      else members[wanted] += 1;
    }
  }

  if (anyCapped) {
    const order = Uint32Array.from(needsSeat);
    order.sort((a, b) => {
      const byScore = population[b].score - population[a].score;
      if (byScore !== 0) return byScore;
      const idA = population[a].customerId;
      const idB = population[b].customerId;
      return idA < idB ? -1 : idA > idB ? 1 : 0;
    });
    for (let k = 0; k < order.length; k++) {
      const i = order[k];
      let t = target[i];
      if (members[t] >= capacities[t]) {
        waitlisted[t] += 1;
        do t--;
        while (t >= 0 && members[t] >= capacities[t]);
      }
      target[i] = t;
      if (t >= 0) members[t] += 1;
    }
  }

  const width = tierCount + 1;
  const matrix = new Float64Array(fromIds.length * width);
  const downgraded: string[] = [];
  let upgradedCount = 0;
  let unchangedCount = 0;
  for (let i = 0; i < count; i++) {
    const key = fromKey[i];
    const t = target[i];
    matrix[key * width + t + 1] += 1;
    const fromRank = fromRanks[key];
    const toRank = t === NO_TIER ? 0 : tiers[t].rank;
    if (toRank < fromRank) downgraded.push(population[i].customerId);
    else if (toRank > fromRank) upgradedCount++;
    else unchangedCount++;
  }

  const movements: TierMovement[] = [];
  const fromOrder = fromIds.map((_, key) => key).sort((a, b) => fromRanks[a] - fromRanks[b]);
  for (const key of fromOrder) {
    for (let t = -1; t < tierCount; t++) {
      const cell = matrix[key * width + t + 1];
      if (cell > 0)
        movements.push({
          fromTierId: fromIds[key]!,
          toTierId: t === NO_TIER ? null : tiers[t].id,
          count: cell,
        });
    }
  }

  return {
    movements,
    tiers: tiers.map((tier, t) => ({
      tierId: tier.id,
      name: tier.name,
      rank: tier.rank,
      members: members[t],
      capacity: tier.capacity ?? null,
      waitlisted: waitlisted[t],
    })),
    downgraded,
    upgradedCount,
    unchangedCount,
    lockedCount,
  };
}
