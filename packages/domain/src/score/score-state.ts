import { InteractionType } from './interaction.js';

/**
 * Raw (uncapped, undecayed) points earned on one local day, one slot per type in
 * BUCKET_SLOTS order. One entry per day rather than per (day, type) keeps the state five
 * times smaller and applyInteraction's copy cheap.
 */
export interface ScoreBucket {
  day: number;
  raw: number[];
}

/** Slot of each type in ScoreBucket.raw. Append-only: stored states depend on it. */
export const BUCKET_SLOTS: Readonly<Record<InteractionType, number>> = {
  [InteractionType.PURCHASE]: 0,
  [InteractionType.VISIT]: 1,
  [InteractionType.FEEDBACK]: 2,
  [InteractionType.REFERRAL]: 3,
  [InteractionType.CAMPAIGN_REDEMPTION]: 4,
};

/**
 * Incremental score, stored as jsonb. Times are epoch milliseconds (not Date) so the value
 * round-trips through JSON unchanged. `buckets` is sorted by day and holds only days within
 * lateArrivalWindowDays of the newest event: at most window + 1 small entries.
 */
export interface ScoreState {
  version: 1;
  /** Score decayed to asOf. */
  points: number;
  /** Newest event time seen (epoch ms), null before the first event. */
  asOf: number | null;
  buckets: ScoreBucket[];
}

export function initialScoreState(): ScoreState {
  return { version: 1, points: 0, asOf: null, buckets: [] };
}
