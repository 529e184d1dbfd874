import { assertLadderInputs } from './assert-tier-inputs.js';
import type { TierDefinition, TierLadder } from './tier-ladder.js';

export interface IndexedLadder {
  /** Ascending rank. */
  tiers: readonly TierDefinition[];
  indexById: ReadonlyMap<string, number>;
}

// Ladders are read far more often than written and are treated as immutable values, so the
// sorted view is computed — and its numbers and ids checked — once per ladder object rather
// than on every decision.
const cache = new WeakMap<TierLadder, { source: TierDefinition[]; indexed: IndexedLadder }>();

/** The ladder's tiers in ascending rank with an id index (cached per ladder object). */
export function indexLadder(ladder: TierLadder): IndexedLadder {
  const hit = cache.get(ladder);
  if (hit !== undefined && hit.source === ladder.tiers) return hit.indexed;
  assertLadderInputs(ladder);
  const tiers = [...ladder.tiers].sort((a, b) => a.rank - b.rank);
  const indexById = new Map<string, number>();
  tiers.forEach((tier, index) => indexById.set(tier.id, index));
  const indexed = { tiers, indexById };
  cache.set(ladder, { source: ladder.tiers, indexed });
  return indexed;
}
