export { InteractionType, INTERACTION_TYPES, type Interaction } from './interaction.js';
export { defaultScoringSettings, resolveScoringSettings, type ScoringSettings } from './scoring-settings.js';
export {
  SettingsProblemCode,
  validateScoringSettings,
  type SettingsProblem,
} from './validate-scoring-settings.js';
export { pointsForInteraction } from './interaction-points.js';
export { BUCKET_SLOTS, initialScoreState, type ScoreBucket, type ScoreState } from './score-state.js';
export { applyInteraction } from './apply-interaction.js';
export { scoreAt } from './score-at.js';
export { computeScore } from './compute-score.js';
export {
  explainScore,
  type ScoreByType,
  type ScoreContributor,
  type ScoreExplanation,
} from './explain-score.js';
