import { clientError } from '../graphql/client-error.js';
import { ApiKeyScope } from './api-key-scope.js';
import type { Caller } from './caller.js';

/**
 * Guards do not run on field resolvers: a field that shows data of another scope (customers on a
 * redemption or a simulation, reached with campaigns:write or tiers:write) checks it here, with
 * the guard's own answer.
 */
export function assertFieldScope(caller: Caller, scope: ApiKeyScope): void {
  if (caller.scopes.has(scope) || caller.scopes.has(ApiKeyScope.Admin)) return;
  throw clientError('FORBIDDEN', `This API key lacks the scope(s): ${scope}`, { missingScopes: [scope] });
}
