import { assertDate, assertFinite } from '../errors/guards.js';
import { DAY_MS } from '../time/time-zone.js';
import type { ScoreState } from './score-state.js';
import type { ScoringSettings } from './scoring-settings.js';

/**
 * A time-invariant sort key: log2 of the score decayed back to the epoch. Every score of a
 * business decays at the same rate, so ordering by this key is ordering by the score as of any
 * `now` after the customers' newest events — without rewriting a row as time passes — and the
 * key can be stored and indexed. −Infinity for a customer with no points (they sort last).
 */
export function scoreRankKey(state: ScoreState, settings: ScoringSettings): number {
  if (state.asOf === null || !(state.points > 0)) return -Infinity;
  return Math.log2(state.points) + state.asOf / (settings.halfLifeDays * DAY_MS);
}

/** The score as of `now` read back from a rank key (0 for −Infinity). */
export function scoreFromRankKey(key: number, now: Date, settings: ScoringSettings): number {
  assertDate(now, 'now');
  if (Number.isNaN(key) || key === Infinity) assertFinite(key, 'key');
  return 2 ** (key - now.getTime() / (settings.halfLifeDays * DAY_MS));
}

/** The smallest key whose score as of `now` is at least `score`: a threshold SQL can compare keys to. */
export function rankKeyForScore(score: number, now: Date, settings: ScoringSettings): number {
  assertDate(now, 'now');
  assertFinite(score, 'score');
  return score > 0 ? Math.log2(score) + now.getTime() / (settings.halfLifeDays * DAY_MS) : -Infinity;
}
