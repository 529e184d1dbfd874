import { INTERACTION_TYPES, type Interaction, type InteractionType } from './interaction.js';
import { bucketInteractions } from './score-buckets.js';
import type { ScoringSettings } from './scoring-settings.js';

export interface ScoreByType {
  type: InteractionType;
  points: number;
  /** Interactions of this type up to now, including those a daily cap made worthless. */
  count: number;
}

export interface ScoreContributor {
  interactionId: string;
  type: InteractionType;
  points: number;
}

export interface ScoreExplanation {
  total: number;
  /** One row per type, always all five, in InteractionType order. */
  byType: ScoreByType[];
  /** The interactions worth most today, best first (ties by id). */
  topContributors: ScoreContributor[];
}

/**
 * Why a customer has their score. A capped day's points are shared between its events in
 * proportion to what each earned, so the parts always add up to the total.
 */
export function explainScore(
  interactions: readonly Interaction[],
  settings: ScoringSettings,
  now: Date,
  topCount = 5,
): ScoreExplanation {
  const byType = new Map<InteractionType, ScoreByType>(
    INTERACTION_TYPES.map((type) => [type, { type, points: 0, count: 0 }]),
  );
  const contributors: ScoreContributor[] = [];
  for (const bucket of bucketInteractions(interactions, settings, now).values()) {
    for (const { interaction, earned } of bucket.events) {
      const points = earned * bucket.factor;
      const row = byType.get(interaction.type)!;
      row.points += points;
      row.count += 1;
      contributors.push({ interactionId: interaction.id, type: interaction.type, points });
    }
  }
  contributors.sort((a, b) =>
    b.points !== a.points
      ? b.points - a.points
      : a.interactionId < b.interactionId
        ? -1
        : a.interactionId > b.interactionId
          ? 1
          : 0,
  );
  const rows = [...byType.values()];
  return {
    total: rows.reduce((sum, row) => sum + row.points, 0),
    byType: rows,
    topContributors: contributors.slice(0, Math.max(0, topCount)).filter((c) => c.points > 0),
  };
}
