import { InteractionType } from './interaction.js';

/** Per-business scoring knobs. Plain JSON: stored as a settings document. */
export interface ScoringSettings {
  /** Days after which a contribution counts half. */
  halfLifeDays: number;
  /**
   * Points per interaction. PURCHASE: points per log1p(amount / purchaseAmountUnit); FEEDBACK:
   * the same for every rating (the rating is data for insights, not a reward for praise).
   */
  weights: Record<InteractionType, number>;
  /** Most points one type can earn in one local week (Monday first); null means uncapped. */
  weeklyCaps: Record<InteractionType, number | null>;
  /** Points for every local week with at least one interaction: coming back is what counts. */
  weeklyReturnBonus: number;
  /** Amount that makes a purchase worth log1p(1) ≈ 0.69 × weight. */
  purchaseAmountUnit: number;
  /** Extra points for feedback that carries a non-empty comment. */
  feedbackCommentBonus: number;
  /** Zone whose calendar weeks the caps and the return bonus follow. */
  timeZone: string;
  /**
   * Weeks of detail the incremental state keeps behind its newest event. A later event for an
   * older week cannot be folded in exactly: the customer is recomputed from stored interactions.
   */
  exactWindowWeeks: number;
}

/**
 * Regularity and depth over volume: every week a customer comes back earns 6, a visit 1 (three
 * count per week), feedback 4 (+1 with a comment, one per week), a referral 8, a week's spending
 * at most 4 — about a €64 basket — and campaign redemptions at most 0.5: a week of redemptions
 * counts as a return, but chasing discounts earns next to nothing on top (deal-hunters are the
 * least likely to come back). Half-life 60 days. Tuned on the domain's predictive bench
 * (bench/README.md): better Spearman and AUC than the first v2 defaults on every population.
 */
export const defaultScoringSettings: ScoringSettings = {
  halfLifeDays: 60,
  weights: {
    [InteractionType.PURCHASE]: 2,
    [InteractionType.VISIT]: 1,
    [InteractionType.FEEDBACK]: 4,
    [InteractionType.REFERRAL]: 8,
    [InteractionType.CAMPAIGN_REDEMPTION]: 0.5,
  },
  weeklyCaps: {
    [InteractionType.PURCHASE]: 4,
    [InteractionType.VISIT]: 3,
    [InteractionType.FEEDBACK]: 5,
    [InteractionType.REFERRAL]: 16,
    [InteractionType.CAMPAIGN_REDEMPTION]: 0.5,
  },
  weeklyReturnBonus: 6,
  purchaseAmountUnit: 10,
  feedbackCommentBonus: 1,
  timeZone: 'UTC',
  exactWindowWeeks: 8,
};

/**
 * A business's stored overrides (any subset, weights and caps per type included) on top
 * of the defaults, in the business's time zone. The api and the worker both resolve
 * settings here, so a stored score is always decayed with the rules that built it.
 * Keys of the first model (dailyCaps, lateArrivalWindowDays) are ignored.
 */
export function resolveScoringSettings(
  overrides: Partial<ScoringSettings> | null | undefined,
  timeZone: string,
): ScoringSettings {
  const pick = <K extends keyof ScoringSettings>(key: K): ScoringSettings[K] =>
    overrides?.[key] !== undefined ? overrides[key] : defaultScoringSettings[key];
  return {
    halfLifeDays: pick('halfLifeDays'),
    weights: { ...defaultScoringSettings.weights, ...overrides?.weights },
    weeklyCaps: { ...defaultScoringSettings.weeklyCaps, ...overrides?.weeklyCaps },
    weeklyReturnBonus: pick('weeklyReturnBonus'),
    purchaseAmountUnit: pick('purchaseAmountUnit'),
    feedbackCommentBonus: pick('feedbackCommentBonus'),
    timeZone,
    exactWindowWeeks: pick('exactWindowWeeks'),
  };
}
