import { INTERACTION_TYPES, type Interaction, type InteractionType } from './interaction.js';
import { bucketInteractions } from './score-buckets.js';
import type { ScoringSettings } from './scoring-settings.js';

export interface ScoreByType {
  type: InteractionType;
  points: number;
  /** Interactions of this type up to now that earned points, including those a weekly cap made worthless. */
  count: number;
}

export interface ScoreContributor {
  interactionId: string;
  type: InteractionType;
  points: number;
}

export interface ScoreRegularity {
  /** Local weeks with at least one scoring interaction. */
  activeWeeks: number;
  /** What coming back earned: the return bonus of every active week, decayed. */
  points: number;
}

export interface ScoreExplanation {
  total: number;
  /** One row per type, always all five, in InteractionType order. */
  byType: ScoreByType[];
  regularity: ScoreRegularity;
  /** The interactions worth most today, best first (ties by id). */
  topContributors: ScoreContributor[];
}

function byPointsThenId(a: ScoreContributor, b: ScoreContributor): number {
  if (b.points !== a.points) return b.points - a.points;
  return a.interactionId < b.interactionId ? -1 : a.interactionId > b.interactionId ? 1 : 0;
}

/**
 * Why a customer has their score. A capped week's points are shared between its events in
 * proportion to what each earned, and the return bonus is its own line, so the parts always
 * add up to the total.
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
  const regularity: ScoreRegularity = { activeWeeks: 0, points: 0 };
  const contributors: ScoreContributor[] = [];
  for (const week of bucketInteractions(interactions, settings, now).values()) {
    regularity.activeWeeks += 1;
    regularity.points += settings.weeklyReturnBonus * week.decay;
    for (const typed of week.byType.values()) {
      const row = byType.get(typed.type)!;
      for (const { interaction, earned } of typed.events) {
        const points = earned * typed.factor;
        row.points += points;
        row.count += 1;
        contributors.push({ interactionId: interaction.id, type: interaction.type, points });
      }
    }
  }
  contributors.sort(byPointsThenId);
  const rows = [...byType.values()];
  return {
    total: rows.reduce((sum, row) => sum + row.points, regularity.points),
    byType: rows,
    regularity,
    topContributors: contributors.slice(0, Math.max(0, topCount)).filter((c) => c.points > 0),
  };
}
