import type { ScoringSettings } from '@inner-circle/domain';
import type { ApiKeyScope } from './api-key-scope.js';

/** Who is calling: resolved from the API key, the only source of the business id. */
export interface Caller {
  businessId: string;
  apiKeyId: string;
  scopes: ReadonlySet<ApiKeyScope>;
  /**
   * The business's scoring settings (its time zone included), read with the key: one
   * snapshot per request, so per-request code needs no query of its own. Never cached
   * across requests. A mutation that changes the time zone updates it (`adoptTimeZone`)
   * so later fields of the same operation see the new zone.
   */
  scoringSettings: ScoringSettings;
}

/**
 * After the business's time zone changed in this request (setTierLadder), fields resolved
 * later in the same operation must compute with the new zone, as a fresh read would.
 */
export function adoptTimeZone(caller: Caller, timeZone: string): void {
  // resolveScoringSettings only overrides timeZone, so swapping it equals re-resolving.
  caller.scoringSettings = { ...caller.scoringSettings, timeZone };
}
