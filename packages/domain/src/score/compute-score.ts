import type { Interaction } from './interaction.js';
import { bucketInteractions } from './score-buckets.js';
import type { ScoringSettings } from './scoring-settings.js';

/** The score at `now` from the full event list (events after `now` are ignored). */
export function computeScore(
  interactions: readonly Interaction[],
  settings: ScoringSettings,
  now: Date,
): number {
  let total = 0;
  for (const bucket of bucketInteractions(interactions, settings, now).values())
    total += bucket.raw * bucket.factor;
  return total;
}
