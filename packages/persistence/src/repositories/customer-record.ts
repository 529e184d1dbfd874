/**
 * A customer as the api reads it: plain columns, no entity hydration, so list pages and
 * other features' repositories (waitlists, campaign audiences) can select it with raw SQL.
 */
export interface CustomerRecord {
  id: string;
  businessId: string;
  externalRef: string;
  name: string | null;
  email: string | null;
  marketingConsent: boolean;
  /** Score as of `scoreAsOf` (what list filters and sorting use); decay to now on read. */
  score: number;
  scoreAsOf: Date | null;
  scoreState: Record<string, unknown> | null;
  /** The domain's rank key: orders customers by their score as of now. */
  scoreKey: number;
  tierId: string | null;
  tierSince: Date | null;
  graceUntil: Date | null;
  waitlistedForTierId: string | null;
  qualifiedAt: Date | null;
  lockTierId: string | null;
  lockUntil: Date | null;
  lockReason: string | null;
  joinedAt: Date;
  lastInteractionAt: Date | null;
  erasedAt: Date | null;
}

/** The select list that yields a RawCustomerRow, for `SELECT ${customerRecordColumns('c')} FROM customers c`. */
export function customerRecordColumns(alias = 'customers'): string {
  return [
    'id',
    'business_id',
    'external_ref',
    'name',
    'email',
    'marketing_consent',
    'score',
    'score_as_of',
    'score_state',
    'score_key',
    'tier_id',
    'tier_since',
    'grace_until',
    'waitlisted_for_tier_id',
    'qualified_at',
    'lock_tier_id',
    'lock_until',
    'lock_reason',
    'joined_at',
    'last_interaction_at',
    'erased_at',
  ]
    .map((column) => `${alias}.${column}`)
    .join(', ');
}

export interface RawCustomerRow {
  id: string;
  business_id: string;
  external_ref: string;
  name: string | null;
  email: string | null;
  marketing_consent: boolean;
  score: number;
  score_as_of: Date | null;
  score_state: Record<string, unknown> | null;
  score_key: number;
  tier_id: string | null;
  tier_since: Date | null;
  grace_until: Date | null;
  waitlisted_for_tier_id: string | null;
  qualified_at: Date | null;
  lock_tier_id: string | null;
  lock_until: Date | null;
  lock_reason: string | null;
  joined_at: Date;
  last_interaction_at: Date | null;
  erased_at: Date | null;
}

export function toCustomerRecord(row: RawCustomerRow): CustomerRecord {
  return {
    id: row.id,
    businessId: row.business_id,
    externalRef: row.external_ref,
    name: row.name,
    email: row.email,
    marketingConsent: row.marketing_consent,
    score: row.score,
    scoreAsOf: row.score_as_of,
    scoreState: row.score_state,
    scoreKey: row.score_key,
    tierId: row.tier_id,
    tierSince: row.tier_since,
    graceUntil: row.grace_until,
    waitlistedForTierId: row.waitlisted_for_tier_id,
    qualifiedAt: row.qualified_at,
    lockTierId: row.lock_tier_id,
    lockUntil: row.lock_until,
    lockReason: row.lock_reason,
    joinedAt: row.joined_at,
    lastInteractionAt: row.last_interaction_at,
    erasedAt: row.erased_at,
  };
}
