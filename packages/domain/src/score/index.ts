export { InteractionType, INTERACTION_TYPES, type Interaction } from './interaction.js';
export { defaultScoringSettings, resolveScoringSettings, type ScoringSettings } from './scoring-settings.js';
export {
  SettingsProblemCode,
  validateScoringSettings,
  type SettingsProblem,
} from './validate-scoring-settings.js';
export { pointsForInteraction } from './interaction-points.js';
export {
  BUCKET_SLOTS,
  initialScoreState,
  isCurrentScoreState,
  SCORE_MODEL_VERSION,
  type ScoreState,
  type ScoreWeek,
} from './score-state.js';
export { localWeekNumber, weekAnchorMs } from './score-week.js';
export { applyInteraction } from './apply-interaction.js';
export { applyInteractions } from './apply-interactions.js';
export { scoreStateOf } from './score-state-of.js';
export { scoreAt } from './score-at.js';
export { rankKeyForScore, scoreFromRankKey, scoreRankKey } from './score-rank-key.js';
export { computeScore } from './compute-score.js';
export {
  explainScore,
  type ScoreByType,
  type ScoreContributor,
  type ScoreExplanation,
  type ScoreRegularity,
} from './explain-score.js';
