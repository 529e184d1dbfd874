import { InteractionType } from './interaction.js';

/** Per-business scoring knobs. Plain JSON: stored as a settings document. */
export interface ScoringSettings {
  /** Days after which a contribution counts half. */
  halfLifeDays: number;
  /**
   * Points per interaction. PURCHASE: points per log1p(amount / purchaseAmountUnit);
   * FEEDBACK: points for a 5-star rating, scaled by rating / 5.
   */
  weights: Record<InteractionType, number>;
  /** Most points one type can earn on one local day; null means uncapped. */
  dailyCaps: Record<InteractionType, number | null>;
  /** Amount that makes a purchase worth log1p(1) ≈ 0.69 × weight. */
  purchaseAmountUnit: number;
  /** Extra points for feedback that carries a non-empty comment. */
  feedbackCommentBonus: number;
  /** Zone whose calendar days the daily caps follow. */
  timeZone: string;
  /**
   * How late (in days after the newest event) an event may arrive and still meet its day's
   * cap exactly. Bounds the stored state; see README "order independence".
   */
  lateArrivalWindowDays: number;
}

/**
 * Depth over volume: a referral is worth eight visits, a 5-star review with a comment five,
 * and a day of visits caps at two.
 */
export const defaultScoringSettings: ScoringSettings = {
  halfLifeDays: 90,
  weights: {
    [InteractionType.PURCHASE]: 2,
    [InteractionType.VISIT]: 1,
    [InteractionType.FEEDBACK]: 4,
    [InteractionType.REFERRAL]: 8,
    [InteractionType.CAMPAIGN_REDEMPTION]: 1.5,
  },
  dailyCaps: {
    [InteractionType.PURCHASE]: 10,
    [InteractionType.VISIT]: 2,
    [InteractionType.FEEDBACK]: 5,
    [InteractionType.REFERRAL]: 24,
    [InteractionType.CAMPAIGN_REDEMPTION]: 3,
  },
  purchaseAmountUnit: 10,
  feedbackCommentBonus: 1,
  timeZone: 'UTC',
  lateArrivalWindowDays: 14,
};

/**
 * A business's stored overrides (any subset, weights and caps per type included) on top
 * of the defaults, in the business's time zone. The api and the worker both resolve
 * settings here, so a stored score is always decayed with the rules that built it.
 */
export function resolveScoringSettings(
  overrides: Partial<ScoringSettings> | null | undefined,
  timeZone: string,
): ScoringSettings {
  return {
    ...defaultScoringSettings,
    ...overrides,
    weights: { ...defaultScoringSettings.weights, ...overrides?.weights },
    dailyCaps: { ...defaultScoringSettings.dailyCaps, ...overrides?.dailyCaps },
    timeZone,
  };
}
