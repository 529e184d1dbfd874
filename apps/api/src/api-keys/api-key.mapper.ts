import type { ApiKeySummary } from '@inner-circle/persistence';
import { ALL_SCOPES, type ApiKeyScope } from '../auth/api-key-scope.js';
import type { ApiKeyObject } from './dto/api-key.object.js';

const KNOWN_SCOPES = new Set<string>(ALL_SCOPES);

export function toApiKeyObject(key: ApiKeySummary): ApiKeyObject {
  return {
    id: key.id,
    name: key.name,
    prefix: `ic_${key.lookupPrefix}`,
    // A scope retired from the enum stays in old rows; it grants nothing, so it is not shown.
    scopes: key.scopes.filter((scope): scope is ApiKeyScope => KNOWN_SCOPES.has(scope)),
    createdAt: key.createdAt,
    lastUsedAt: key.lastUsedAt,
    revokedAt: key.revokedAt,
  };
}
