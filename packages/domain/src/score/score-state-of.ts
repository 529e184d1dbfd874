import { assertUniqueIds } from '../errors/guards.js';
import { applyInteraction } from './apply-interaction.js';
import type { Interaction } from './interaction.js';
import { initialScoreState, type ScoreState } from './score-state.js';
import type { ScoringSettings } from './scoring-settings.js';

function byTimeThenId(a: Interaction, b: Interaction): number {
  const byTime = a.occurredAt.getTime() - b.occurredAt.getTime();
  if (byTime !== 0) return byTime;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

/**
 * The incremental state rebuilt from every interaction of a customer: the recompute path for
 * events too late to fold in, a changed model or changed settings. In time order nothing is
 * ever late, so every fold is exact.
 */
export function scoreStateOf(interactions: readonly Interaction[], settings: ScoringSettings): ScoreState {
  assertUniqueIds(interactions, (i) => i.id, 'interactions[].id');
  const ordered = [...interactions].sort(byTimeThenId);
  let state = initialScoreState();
  for (const interaction of ordered) state = applyInteraction(state, interaction, settings)!;
  return state;
}
