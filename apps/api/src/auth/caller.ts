import type { ScoringSettings } from '@inner-circle/domain';
import type { ApiKeyScope } from './api-key-scope.js';

/** Who is calling: resolved from the API key, the only source of the business id. Never mutated. */
export interface Caller {
  readonly businessId: string;
  readonly apiKeyId: string;
  readonly scopes: ReadonlySet<ApiKeyScope>;
  /**
   * The business's scoring settings (its time zone included), read with the key: one
   * snapshot per request, so per-request code needs no query of its own. Kept with the
   * verified key for at most VERIFIED_KEY_TTL_MS; a change made in this process evicts it
   * (`ApiKeysService.forgetBusiness`). A mutation that changes the time zone hands the request a new caller
   * (`RequestCaller.replace(withTimeZone(…))`) so later fields of the same operation see the new zone.
   */
  readonly scoringSettings: ScoringSettings;
}

/** The same caller as if its settings had been read after the business's time zone changed. */
export function withTimeZone(caller: Caller, timeZone: string): Caller {
  // resolveScoringSettings only overrides timeZone, so swapping it equals re-resolving.
  return { ...caller, scoringSettings: { ...caller.scoringSettings, timeZone } };
}
