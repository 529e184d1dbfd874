import { INTERACTION_TYPES, InteractionType, type ScoringSettings } from '@inner-circle/domain';
import type { BusinessScoringSettings } from '@inner-circle/persistence';
import type { ScoringSettingsInput } from './dto/scoring-settings.input.js';
import type { ScoringSettingsObject } from './dto/scoring-settings.object.js';

/** The GraphQL field of each interaction type in `weights` and `weeklyCaps`. */
export const FIELD_OF_TYPE = {
  [InteractionType.PURCHASE]: 'purchase',
  [InteractionType.VISIT]: 'visit',
  [InteractionType.FEEDBACK]: 'feedback',
  [InteractionType.REFERRAL]: 'referral',
  [InteractionType.CAMPAIGN_REDEMPTION]: 'campaignRedemption',
} as const satisfies Record<InteractionType, string>;

type TypeField = (typeof FIELD_OF_TYPE)[InteractionType];

/** The overrides a business stores (jsonb): any subset of the settings, its time zone excepted. */
export interface StoredScoringOverrides {
  halfLifeDays?: number;
  weights?: Partial<Record<InteractionType, number>>;
  weeklyCaps?: Partial<Record<InteractionType, number | null>>;
  weeklyReturnBonus?: number;
  purchaseAmountUnit?: number;
  feedbackCommentBonus?: number;
  exactWindowWeeks?: number;
}

const SCALAR_KEYS = [
  'halfLifeDays',
  'weeklyReturnBonus',
  'purchaseAmountUnit',
  'feedbackCommentBonus',
  'exactWindowWeeks',
] as const;

/**
 * The stored document reduced to the keys of the current model: keys of older models or a
 * time zone (the business's own column decides it) never travel on into a new document.
 */
export function storedOverridesOf(document: Record<string, unknown> | null): StoredScoringOverrides {
  const stored = (document ?? {}) as StoredScoringOverrides;
  const overrides: StoredScoringOverrides = {};
  for (const key of SCALAR_KEYS) if (stored[key] !== undefined) overrides[key] = stored[key];
  const weights = pickTypes(stored.weights);
  const weeklyCaps = pickTypes(stored.weeklyCaps);
  if (weights) overrides.weights = weights;
  if (weeklyCaps) overrides.weeklyCaps = weeklyCaps;
  return overrides;
}

/** The new overrides: the input's fields on top of the stored ones (or of none, when resetting). */
export function mergeOverrides(
  stored: StoredScoringOverrides,
  input: ScoringSettingsInput,
): StoredScoringOverrides {
  const base = input.resetToDefaults ? {} : stored;
  const merged: StoredScoringOverrides = { ...base };
  for (const key of SCALAR_KEYS) {
    const value = input[key];
    if (value !== undefined && value !== null) merged[key] = value;
  }
  const weights = { ...base.weights };
  const weeklyCaps = { ...base.weeklyCaps };
  for (const type of INTERACTION_TYPES) {
    const field: TypeField = FIELD_OF_TYPE[type];
    const weight = input.weights?.[field];
    if (weight !== undefined && weight !== null) weights[type] = weight;
    // An explicit null is meaningful here: no cap.
    const cap = input.weeklyCaps?.[field];
    if (cap !== undefined) weeklyCaps[type] = cap;
  }
  if (Object.keys(weights).length) merged.weights = weights;
  else delete merged.weights;
  if (Object.keys(weeklyCaps).length) merged.weeklyCaps = weeklyCaps;
  else delete merged.weeklyCaps;
  return merged;
}

/** Domain path `weights.CAMPAIGN_REDEMPTION` → the input's `weights.campaignRedemption`. */
export function toInputPath(domainPath: string): string {
  return domainPath.replace(/^(weights|weeklyCaps)\.([A-Z_]+)$/, (whole, group: string, type: string) =>
    type in FIELD_OF_TYPE ? `${group}.${FIELD_OF_TYPE[type as InteractionType]}` : whole,
  );
}

export function toScoringSettingsObject(
  settings: ScoringSettings,
  stored: Pick<BusinessScoringSettings, 'scoringVersion' | 'scoresRecomputedVersion'>,
): ScoringSettingsObject {
  const byField = <T>(values: Record<InteractionType, T>) =>
    Object.fromEntries(INTERACTION_TYPES.map((type) => [FIELD_OF_TYPE[type], values[type]])) as Record<
      TypeField,
      T
    >;
  return {
    halfLifeDays: settings.halfLifeDays,
    weights: byField(settings.weights),
    weeklyCaps: byField(settings.weeklyCaps),
    weeklyReturnBonus: settings.weeklyReturnBonus,
    purchaseAmountUnit: settings.purchaseAmountUnit,
    feedbackCommentBonus: settings.feedbackCommentBonus,
    exactWindowWeeks: settings.exactWindowWeeks,
    timeZone: settings.timeZone,
    version: stored.scoringVersion,
    recomputeInProgress: stored.scoresRecomputedVersion < stored.scoringVersion,
  };
}

function pickTypes<T>(values: Partial<Record<InteractionType, T>> | undefined) {
  if (!values || typeof values !== 'object') return undefined;
  const picked: Partial<Record<InteractionType, T>> = {};
  for (const type of INTERACTION_TYPES) if (values[type] !== undefined) picked[type] = values[type];
  return Object.keys(picked).length ? picked : undefined;
}
