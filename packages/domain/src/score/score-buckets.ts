import { assertDate } from '../errors/guards.js';
import type { Interaction, InteractionType } from './interaction.js';
import { pointsForInteraction } from './interaction-points.js';
import { decayRate, localWeekNumber, weekAnchorMs } from './score-week.js';
import type { ScoringSettings } from './scoring-settings.js';

export interface ScoredEvent {
  interaction: Interaction;
  earned: number;
}

export interface TypeBucket {
  type: InteractionType;
  raw: number;
  /** Share of raw that survives the weekly cap, times the week's decay to now. */
  factor: number;
  events: ScoredEvent[];
}

export interface WeekBucket {
  week: number;
  /** The week's decay from its anchor to now. */
  decay: number;
  byType: Map<InteractionType, TypeBucket>;
}

/**
 * Groups the interactions up to `now` that earn points into local weeks and, within a week, by
 * type, with each type's capped, decayed factor. The from-scratch reading of the model that
 * computeScore and explainScore share; it never goes through the incremental state.
 */
export function bucketInteractions(
  interactions: readonly Interaction[],
  settings: ScoringSettings,
  now: Date,
): Map<number, WeekBucket> {
  assertDate(now, 'now');
  const nowMs = now.getTime();
  const weeks = new Map<number, WeekBucket>();
  for (const [index, interaction] of interactions.entries()) {
    assertDate(interaction.occurredAt, 'interactions[].occurredAt', index);
    const at = interaction.occurredAt.getTime();
    // Events after `now` have not happened yet from this query's point of view.
    if (at > nowMs) continue;
    const earned = pointsForInteraction(interaction, settings);
    if (!(earned > 0)) continue;
    const week = localWeekNumber(at, settings.timeZone);
    let bucket = weeks.get(week);
    if (bucket === undefined) {
      bucket = { week, decay: 0, byType: new Map() };
      weeks.set(week, bucket);
    }
    let typed = bucket.byType.get(interaction.type);
    if (typed === undefined) {
      typed = { type: interaction.type, raw: 0, factor: 0, events: [] };
      bucket.byType.set(interaction.type, typed);
    }
    typed.raw += earned;
    typed.events.push({ interaction, earned });
  }
  const rate = decayRate(settings.halfLifeDays);
  for (const bucket of weeks.values()) {
    bucket.decay = Math.exp(-rate * (nowMs - weekAnchorMs(bucket.week, settings.timeZone)));
    for (const typed of bucket.byType.values()) {
      const cap = settings.weeklyCaps[typed.type] ?? Infinity;
      typed.factor = (Math.min(cap, typed.raw) / typed.raw) * bucket.decay;
    }
  }
  return weeks;
}
