import { type ScoreState, type ScoringSettings, scoreRankKey } from '@inner-circle/domain';
import type { CustomerScoreUpdate } from '@inner-circle/persistence';

/** The stored columns of a score state: value at asOf, the state itself, and its rank key. */
export function toScoreUpdate(
  id: string,
  state: ScoreState,
  settings: ScoringSettings,
  lastInteractionAt: Date | null,
): CustomerScoreUpdate {
  return {
    id,
    score: state.points,
    scoreAsOf: state.asOf === null ? null : new Date(state.asOf),
    scoreState: state as unknown as Record<string, unknown>,
    scoreKey: scoreRankKey(state, settings),
    lastInteractionAt,
  };
}
