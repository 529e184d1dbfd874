/**
 * The scoring settings editor's rules, apart from React: settings ↔ text drafts, the input sent
 * to `simulateScoringSettings` / `setScoringSettings`, and how the simulation is summarised.
 */

export const TYPE_FIELDS = ['visit', 'purchase', 'feedback', 'referral', 'campaignRedemption'] as const;
export type TypeField = (typeof TYPE_FIELDS)[number];

export const TYPE_LABELS: Record<TypeField, string> = {
  visit: 'Visit',
  purchase: 'Purchase',
  feedback: 'Feedback',
  referral: 'Referral',
  campaignRedemption: 'Campaign redemption',
};

export const SCALAR_FIELDS = [
  'halfLifeDays',
  'weeklyReturnBonus',
  'purchaseAmountUnit',
  'feedbackCommentBonus',
  'exactWindowWeeks',
] as const;
export type ScalarField = (typeof SCALAR_FIELDS)[number];

export const SCALAR_LABELS: Record<ScalarField, { label: string; hint: string; integer: boolean }> = {
  halfLifeDays: {
    label: 'Half-life (days)',
    hint: 'after this long a contribution counts half',
    integer: false,
  },
  weeklyReturnBonus: {
    label: 'Weekly return bonus',
    hint: 'points for every week a customer comes back',
    integer: false,
  },
  purchaseAmountUnit: {
    label: 'Purchase amount unit',
    hint: 'a basket of this amount earns 0.69 × the weight',
    integer: false,
  },
  feedbackCommentBonus: {
    label: 'Feedback comment bonus',
    hint: 'extra points when feedback has a comment',
    integer: false,
  },
  exactWindowWeeks: {
    label: 'Exact window (weeks)',
    hint: 'weeks of detail kept for late events',
    integer: true,
  },
};

export interface ScoringSettingsLike {
  halfLifeDays: number;
  weeklyReturnBonus: number;
  purchaseAmountUnit: number;
  feedbackCommentBonus: number;
  exactWindowWeeks: number;
  weights: Record<TypeField, number>;
  weeklyCaps: Record<TypeField, number | null | undefined>;
}

/** Numbers stay text while edited, so a half-typed value is never lost; an empty cap is "no cap". */
export interface ScoringDraft {
  scalars: Record<ScalarField, string>;
  weights: Record<TypeField, string>;
  caps: Record<TypeField, string>;
}

export interface ScoringSettingsInputLike {
  halfLifeDays: number;
  weeklyReturnBonus: number;
  purchaseAmountUnit: number;
  feedbackCommentBonus: number;
  exactWindowWeeks: number;
  weights: Record<TypeField, number>;
  weeklyCaps: Record<TypeField, number | null>;
}

export interface ScoringBuild {
  input: ScoringSettingsInputLike | null;
  /** Problems seen before asking the API, keyed by the API's own field paths (`weights.visit`). */
  fieldErrors: Record<string, string[]>;
}

const byType = <T>(make: (field: TypeField) => T) =>
  Object.fromEntries(TYPE_FIELDS.map((field) => [field, make(field)])) as Record<TypeField, T>;

export function draftOf(settings: ScoringSettingsLike): ScoringDraft {
  return {
    scalars: Object.fromEntries(SCALAR_FIELDS.map((f) => [f, String(settings[f])])) as Record<
      ScalarField,
      string
    >,
    weights: byType((f) => String(settings.weights[f])),
    caps: byType((f) => (settings.weeklyCaps[f] == null ? '' : String(settings.weeklyCaps[f]))),
  };
}

function parse(
  text: string,
  path: string,
  errors: Record<string, string[]>,
  { integer, optional }: { integer: boolean; optional: boolean },
): number | null {
  const trimmed = text.trim().replace(',', '.');
  if (trimmed === '') {
    if (!optional) errors[path] = ['Enter a number.'];
    return null;
  }
  const value = Number(trimmed);
  if (!Number.isFinite(value)) errors[path] = ['Enter a number.'];
  else if (integer && !Number.isInteger(value)) errors[path] = ['Enter a whole number.'];
  return Number.isFinite(value) ? value : null;
}

/** The whole settings as an input (every field sent, so what is previewed is exactly what is saved). */
export function buildScoringInput(draft: ScoringDraft): ScoringBuild {
  const fieldErrors: Record<string, string[]> = {};
  const scalars = Object.fromEntries(
    SCALAR_FIELDS.map((f) => [
      f,
      parse(draft.scalars[f], f, fieldErrors, { integer: SCALAR_LABELS[f].integer, optional: false }),
    ]),
  ) as Record<ScalarField, number | null>;
  const weights = byType((f) =>
    parse(draft.weights[f], `weights.${f}`, fieldErrors, { integer: false, optional: false }),
  );
  const weeklyCaps = byType((f) =>
    parse(draft.caps[f], `weeklyCaps.${f}`, fieldErrors, { integer: false, optional: true }),
  );
  if (Object.keys(fieldErrors).length) return { input: null, fieldErrors };
  return {
    input: {
      ...(scalars as Record<ScalarField, number>),
      weights: weights as Record<TypeField, number>,
      weeklyCaps,
    },
    fieldErrors,
  };
}

/** True when the draft says something other than the stored settings. */
export function isChanged(draft: ScoringDraft, settings: ScoringSettingsLike): boolean {
  return JSON.stringify(draft) !== JSON.stringify(draftOf(settings));
}

export interface RankedRow {
  customerId: string;
  externalRef: string;
  rank: number;
  score: number;
  /** Null when the key may not read customers: the external ref stands in. */
  customer?: { name?: string | null } | null;
}

/** How a ranked customer is named: their name, else their external ref. */
export function rankedName(row: RankedRow): string {
  return row.customer?.name ?? row.externalRef;
}

export interface TopRow extends RankedRow {
  /** Rank under the current settings when among its top 20; null = new in the top 20. */
  previousRank: number | null;
  /** Positive: climbs. */
  change: number | null;
}

/** The proposed top 20, each with where it stood before (when it was in the current top 20 too). */
export function compareTops(before: readonly RankedRow[], after: readonly RankedRow[]): TopRow[] {
  const previous = new Map(before.map((row) => [row.customerId, row.rank]));
  return after.map((row) => {
    const previousRank = previous.get(row.customerId) ?? null;
    return { ...row, previousRank, change: previousRank === null ? null : previousRank - row.rank };
  });
}

/** Those who leave the top 20 under the proposed settings. */
export function leavingTop(before: readonly RankedRow[], after: readonly RankedRow[]): RankedRow[] {
  const staying = new Set(after.map((row) => row.customerId));
  return before.filter((row) => !staying.has(row.customerId));
}

/** Spearman's ρ in words, for a person deciding whether the order changes much. */
export function describeRankCorrelation(rho: number | null | undefined): string {
  if (rho == null) return 'Not enough customers (or scores) to compare orders.';
  const shown = rho.toFixed(2);
  if (rho >= 0.95) return `Rank correlation ${shown}: almost the same order.`;
  if (rho >= 0.8) return `Rank correlation ${shown}: a similar order with some reshuffling.`;
  if (rho >= 0.5) return `Rank correlation ${shown}: a noticeably different order.`;
  return `Rank correlation ${shown}: a very different order.`;
}
