import { assertDate } from '../errors/guards.js';
import type { ScoreState } from './score-state.js';
import { decayRate } from './score-week.js';
import type { ScoringSettings } from './scoring-settings.js';

/** The score decayed to `now`. A `now` before the newest event reads the value at that event. */
export function scoreAt(state: ScoreState, now: Date, settings: ScoringSettings): number {
  assertDate(now, 'now');
  if (state.asOf === null) return 0;
  const elapsed = Math.max(0, now.getTime() - state.asOf);
  return state.points * Math.exp(-decayRate(settings.halfLifeDays) * elapsed);
}
