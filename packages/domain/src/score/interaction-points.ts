import { InteractionType, type Interaction } from './interaction.js';
import type { ScoringSettings } from './scoring-settings.js';

/** Undecayed, uncapped points of one interaction. */
export function pointsForInteraction(interaction: Interaction, settings: ScoringSettings): number {
  const weight = settings.weights[interaction.type];
  switch (interaction.type) {
    case InteractionType.PURCHASE: {
      const amount = interaction.amount;
      // Refunds are not negative loyalty: they simply earn nothing.
      if (amount === undefined || !(amount > 0) || !Number.isFinite(amount)) return 0;
      // log1p: a bigger basket counts more, but ten times the spend is nowhere near ten times the bond.
      return weight * Math.log1p(amount / settings.purchaseAmountUnit);
    }
    case InteractionType.FEEDBACK: {
      // Every rating earns the same: a score that paid more for five stars would buy praise,
      // not the honest feedback a business learns from. Taking the time to write is what counts.
      const commented = interaction.comment !== undefined && interaction.comment.trim() !== '';
      return weight + (commented ? settings.feedbackCommentBonus : 0);
    }
    case InteractionType.VISIT:
    case InteractionType.REFERRAL:
    case InteractionType.CAMPAIGN_REDEMPTION:
      return weight;
  }
}
