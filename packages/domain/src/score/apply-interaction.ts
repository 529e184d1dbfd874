import { assertDate, assertFinite } from '../errors/guards.js';
import type { Interaction } from './interaction.js';
import { pointsForInteraction } from './interaction-points.js';
import { BUCKET_SLOTS, isCurrentScoreState, type ScoreState, type ScoreWeek } from './score-state.js';
import { decayRate, localWeekNumber, weekAnchorMs } from './score-week.js';
import type { ScoringSettings } from './scoring-settings.js';

/**
 * New state after one more interaction, or `null` when it cannot be folded in exactly: the
 * state belongs to an older model, or the event's week was already dropped from the state's
 * detail. The caller then recomputes from every stored interaction (scoreStateOf).
 *
 * O(1) apart from copying the short, bounded week list. Order does not matter: a late event is
 * decayed to asOf, and its week's cap applies to the week's total for the type (min(cap, sum) is
 * the same whatever order the sum was built in); the return bonus is earned by the week's first
 * scoring event, whichever arrives first.
 */
export function applyInteraction(
  state: ScoreState,
  interaction: Interaction,
  settings: ScoringSettings,
): ScoreState | null {
  assertDate(interaction.occurredAt, 'interaction.occurredAt');
  if (interaction.amount !== undefined) assertFinite(interaction.amount, 'interaction.amount');
  if (!isCurrentScoreState(state)) return null;
  const at = interaction.occurredAt.getTime();
  const earned = pointsForInteraction(interaction, settings);
  if (!(earned > 0)) return state;

  const { timeZone } = settings;
  const week = localWeekNumber(at, timeZone);
  if (state.exactFromWeek !== null && week < state.exactFromWeek) return null;

  const rate = decayRate(settings.halfLifeDays);
  const previous = state.asOf;
  const advanced = previous === null || at > previous;
  const asOf = advanced ? at : previous;

  // Weeks are sorted and new events are mostly recent, so search from the end.
  const weeks = state.weeks;
  let found = -1;
  let insertAt = 0;
  for (let i = weeks.length - 1; i >= 0; i--) {
    if (weeks[i].week === week) found = i;
    if (weeks[i].week <= week) {
      insertAt = i + 1;
      break;
    }
  }
  const slot = BUCKET_SLOTS[interaction.type];
  const before = found >= 0 ? weeks[found].raw[slot] : 0;
  const cap = settings.weeklyCaps[interaction.type] ?? Infinity;
  const returnBonus = found >= 0 ? 0 : settings.weeklyReturnBonus;
  const added = Math.min(cap, before + earned) - Math.min(cap, before) + returnBonus;

  let points =
    advanced && previous !== null ? state.points * Math.exp(-rate * (at - previous)) : state.points;
  points += added * Math.exp(-rate * (asOf - weekAnchorMs(week, timeZone)));

  const raw = found >= 0 ? weeks[found].raw.slice() : [0, 0, 0, 0, 0];
  raw[slot] = before + earned;
  let nextWeeks: ScoreWeek[] = weeks.slice();
  if (found >= 0) nextWeeks[found] = { week, raw };
  else nextWeeks.splice(insertAt, 0, { week, raw });

  // Weeks beyond the window are dropped only when time moves forward, so the work stays amortised O(1).
  let exactFromWeek = state.exactFromWeek;
  if (advanced) {
    const oldestKept = localWeekNumber(asOf, timeZone) - settings.exactWindowWeeks;
    let drop = 0;
    while (drop < nextWeeks.length && nextWeeks[drop].week < oldestKept) drop++;
    if (drop > 0) {
      nextWeeks = nextWeeks.slice(drop);
      exactFromWeek = Math.max(exactFromWeek ?? oldestKept, oldestKept);
    }
  }
  return { version: state.version, points, asOf, exactFromWeek, weeks: nextWeeks };
}
