/** What a customer did. Values are stored and sent as-is, so they never change. */
export enum InteractionType {
  PURCHASE = 'PURCHASE',
  VISIT = 'VISIT',
  FEEDBACK = 'FEEDBACK',
  REFERRAL = 'REFERRAL',
  CAMPAIGN_REDEMPTION = 'CAMPAIGN_REDEMPTION',
}

/** Every type, in a fixed order (explanations list types in this order). */
export const INTERACTION_TYPES: readonly InteractionType[] = [
  InteractionType.PURCHASE,
  InteractionType.VISIT,
  InteractionType.FEEDBACK,
  InteractionType.REFERRAL,
  InteractionType.CAMPAIGN_REDEMPTION,
];

export interface Interaction {
  /** Unique id (the event id); ties in explanations are broken by it. */
  id: string;
  type: InteractionType;
  occurredAt: Date;
  /** PURCHASE: amount in the business's currency (major units). Negative or missing counts as 0. */
  amount?: number;
  currency?: string;
  /** FEEDBACK: 1–5 stars, clamped; missing counts as 3. */
  rating?: number;
  comment?: string;
  /** REFERRAL: who was referred. */
  referredCustomerRef?: string;
  /** CAMPAIGN_REDEMPTION: which campaign. */
  campaignId?: string;
}
