import { localDayNumber } from '../time/time-zone.js';
import { bucketAnchorMs, decayRate } from './decay.js';
import type { Interaction } from './interaction.js';
import { pointsForInteraction } from './interaction-points.js';
import { BUCKET_SLOTS, type ScoreBucket, type ScoreState } from './score-state.js';
import type { ScoringSettings } from './scoring-settings.js';

/**
 * New state after one more interaction: O(1) apart from copying the short, bounded bucket list.
 * Order does not matter: a late event is decayed to asOf, and its day's cap applies to the
 * day's total for the type (min(cap, sum) is the same whatever order the sum was built in).
 */
export function applyInteraction(
  state: ScoreState,
  interaction: Interaction,
  settings: ScoringSettings,
): ScoreState {
  const at = interaction.occurredAt.getTime();
  const earned = pointsForInteraction(interaction, settings);
  if (!Number.isFinite(at) || !(earned > 0)) return state;

  const { timeZone } = settings;
  const rate = decayRate(settings.halfLifeDays);
  const previous = state.asOf;
  const advanced = previous === null || at > previous;
  const asOf = advanced ? at : previous;
  const day = localDayNumber(at, timeZone);
  const oldestKept = (advanced ? day : localDayNumber(asOf, timeZone)) - settings.lateArrivalWindowDays;

  // Buckets are sorted by day and new events are mostly recent, so search from the end.
  const buckets = state.buckets;
  let found = -1;
  let insertAt = 0;
  for (let i = buckets.length - 1; i >= 0; i--) {
    const bucketDay = buckets[i].day;
    if (bucketDay === day) found = i;
    if (bucketDay <= day) {
      insertAt = i + 1;
      break;
    }
  }
  const slot = BUCKET_SLOTS[interaction.type];
  const before = found >= 0 ? buckets[found].raw[slot] : 0;
  const cap = settings.dailyCaps[interaction.type] ?? Infinity;
  const added = Math.min(cap, before + earned) - Math.min(cap, before);

  let points =
    advanced && previous !== null ? state.points * Math.exp(-rate * (at - previous)) : state.points;
  points += added * Math.exp(-rate * (asOf - bucketAnchorMs(day, timeZone)));

  // Days beyond the window are dropped only when time moves forward, so the work stays amortised O(1).
  let keepFrom = 0;
  if (advanced) while (keepFrom < buckets.length && buckets[keepFrom].day < oldestKept) keepFrom++;
  let nextBuckets: ScoreBucket[];
  if (day < oldestKept) {
    // Only a late event can be this old, and late events never prune: nothing to copy.
    nextBuckets = buckets;
  } else {
    const raw = found >= 0 ? buckets[found].raw.slice() : [0, 0, 0, 0, 0];
    raw[slot] = before + earned;
    nextBuckets = buckets.slice(keepFrom);
    if (found >= 0) nextBuckets[found - keepFrom] = { day, raw };
    else nextBuckets.splice(insertAt - keepFrom, 0, { day, raw });
  }
  return { version: 1, points, asOf, buckets: nextBuckets };
}
