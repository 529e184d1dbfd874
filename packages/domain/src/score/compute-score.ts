import type { Interaction } from './interaction.js';
import { bucketInteractions } from './score-buckets.js';
import type { ScoringSettings } from './scoring-settings.js';

/**
 * The score at `now` from the full event list (events after `now` are ignored): for every
 * local week, each type's points up to its weekly cap plus the return bonus of an active week,
 * decayed from the week's start.
 */
export function computeScore(
  interactions: readonly Interaction[],
  settings: ScoringSettings,
  now: Date,
): number {
  let total = 0;
  for (const week of bucketInteractions(interactions, settings, now).values()) {
    total += settings.weeklyReturnBonus * week.decay;
    for (const typed of week.byType.values()) total += typed.raw * typed.factor;
  }
  return total;
}
