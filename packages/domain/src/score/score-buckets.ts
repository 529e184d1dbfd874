import { localDayNumber } from '../time/time-zone.js';
import { bucketAnchorMs, decayRate } from './decay.js';
import type { Interaction, InteractionType } from './interaction.js';
import { pointsForInteraction } from './interaction-points.js';
import type { ScoringSettings } from './scoring-settings.js';

export interface ScoredEvent {
  interaction: Interaction;
  earned: number;
}

export interface DayBucket {
  day: number;
  type: InteractionType;
  raw: number;
  /** Share of raw that survives the cap, times the decay from the day's anchor to now. */
  factor: number;
  events: ScoredEvent[];
}

/** Groups interactions up to `now` into (day, type) buckets with their capped, decayed factor. */
export function bucketInteractions(
  interactions: readonly Interaction[],
  settings: ScoringSettings,
  now: Date,
): Map<string, DayBucket> {
  const nowMs = now.getTime();
  const buckets = new Map<string, DayBucket>();
  for (const interaction of interactions) {
    const at = interaction.occurredAt.getTime();
    // Events after `now` have not happened yet from this query's point of view.
    if (!Number.isFinite(at) || at > nowMs) continue;
    const earned = Math.max(0, pointsForInteraction(interaction, settings));
    const day = localDayNumber(at, settings.timeZone);
    const key = `${day}|${interaction.type}`;
    let bucket = buckets.get(key);
    if (bucket === undefined) {
      bucket = { day, type: interaction.type, raw: 0, factor: 0, events: [] };
      buckets.set(key, bucket);
    }
    bucket.raw += earned;
    bucket.events.push({ interaction, earned });
  }
  const rate = decayRate(settings.halfLifeDays);
  for (const bucket of buckets.values()) {
    const cap = settings.dailyCaps[bucket.type] ?? Infinity;
    const kept = bucket.raw > 0 ? Math.min(cap, bucket.raw) / bucket.raw : 0;
    bucket.factor = kept * Math.exp(-rate * (nowMs - bucketAnchorMs(bucket.day, settings.timeZone)));
  }
  return buckets;
}
