import type { ApiKeyScope } from './api-key-scope.js';

/** Who is calling: resolved from the API key, the only source of the business id. */
export interface Caller {
  businessId: string;
  apiKeyId: string;
  scopes: ReadonlySet<ApiKeyScope>;
}
