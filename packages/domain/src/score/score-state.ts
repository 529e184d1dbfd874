import { InteractionType } from './interaction.js';

/**
 * Raw (uncapped, undecayed) points earned in one local week, one slot per type in BUCKET_SLOTS
 * order. A week is only stored once it earned something, so a stored week is an active week.
 */
export interface ScoreWeek {
  week: number;
  raw: number[];
}

/** Slot of each type in ScoreWeek.raw. Append-only: stored states depend on it. */
export const BUCKET_SLOTS: Readonly<Record<InteractionType, number>> = {
  [InteractionType.PURCHASE]: 0,
  [InteractionType.VISIT]: 1,
  [InteractionType.FEEDBACK]: 2,
  [InteractionType.REFERRAL]: 3,
  [InteractionType.CAMPAIGN_REDEMPTION]: 4,
};

/** The version of the score model; a stored state of another version is recomputed. */
export const SCORE_MODEL_VERSION = 2;

/**
 * Incremental score, stored as jsonb. Times are epoch milliseconds (not Date) so the value
 * round-trips through JSON unchanged. `weeks` is sorted and holds the weeks within
 * exactWindowWeeks of the newest event (plus late ones not yet pruned).
 */
export interface ScoreState {
  version: typeof SCORE_MODEL_VERSION;
  /** Score decayed to asOf. */
  points: number;
  /** Newest event time seen (epoch ms), null before the first event. */
  asOf: number | null;
  /**
   * Weeks before this one were folded into `points` and dropped: an event for them cannot be
   * added exactly. Null while nothing was dropped (the state then knows every week).
   */
  exactFromWeek: number | null;
  weeks: ScoreWeek[];
}

export function initialScoreState(): ScoreState {
  return { version: SCORE_MODEL_VERSION, points: 0, asOf: null, exactFromWeek: null, weeks: [] };
}

/** True when `value` is a state of the current model (stored states of older models are not). */
export function isCurrentScoreState(value: unknown): value is ScoreState {
  return (
    typeof value === 'object' &&
    value !== null &&
    (value as { version?: unknown }).version === SCORE_MODEL_VERSION
  );
}
