import { applyInteraction } from './apply-interaction.js';
import type { Interaction } from './interaction.js';
import type { ScoreState } from './score-state.js';
import type { ScoringSettings } from './scoring-settings.js';

/**
 * Folds a customer's new interactions into the state, or returns `null` when any of them cannot
 * be folded in exactly: the caller then recomputes from every stored interaction (scoreStateOf).
 */
export function applyInteractions(
  state: ScoreState,
  interactions: readonly Interaction[],
  settings: ScoringSettings,
): ScoreState | null {
  let next: ScoreState | null = state;
  for (const interaction of interactions) {
    next = applyInteraction(next, interaction, settings);
    if (next === null) return null;
  }
  return next;
}
