import { InteractionType, type Interaction } from './interaction.js';
import type { ScoringSettings } from './scoring-settings.js';

const DEFAULT_RATING = 3;

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
      const given = interaction.rating;
      const rating =
        given === undefined || Number.isNaN(given) ? DEFAULT_RATING : Math.min(5, Math.max(1, given));
      const bonus =
        interaction.comment !== undefined && interaction.comment.trim() !== ''
          ? settings.feedbackCommentBonus
          : 0;
      return (weight * rating) / 5 + bonus;
    }
    case InteractionType.VISIT:
    case InteractionType.REFERRAL:
    case InteractionType.CAMPAIGN_REDEMPTION:
      return weight;
  }
}
