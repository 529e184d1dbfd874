import type { ApiKeyScope } from '../gql/graphql';

/**
 * What the signed-in key may do. The API has no "who am I" query: an Admin key reads `apiKeys`
 * and finds itself by prefix (exact scopes); any other key is probed with harmless reads, and a
 * write scope is learnt when the API answers FORBIDDEN (until then it is assumed allowed).
 */
export interface Access {
  /** True when the scopes were read from the key itself. */
  exact: boolean;
  granted: ReadonlySet<ApiKeyScope>;
  denied: ReadonlySet<ApiKeyScope>;
}

export const SCOPE_LABELS: Record<ApiKeyScope, string> = {
  Admin: 'admin',
  CampaignsWrite: 'campaigns:write',
  CustomersRead: 'customers:read',
  CustomersWrite: 'customers:write',
  InsightsRead: 'insights:read',
  InteractionsWrite: 'interactions:write',
  TiersWrite: 'tiers:write',
};

export const ALL_SCOPES = Object.keys(SCOPE_LABELS) as ApiKeyScope[];

export function exactAccess(scopes: readonly ApiKeyScope[]): Access {
  const granted = new Set<ApiKeyScope>(scopes.includes('Admin') ? ALL_SCOPES : scopes);
  return { exact: true, granted, denied: new Set(ALL_SCOPES.filter((s) => !granted.has(s))) };
}

/** From probes: each entry is a scope and whether a read needing it succeeded. */
export function probedAccess(probes: readonly (readonly [ApiKeyScope, boolean])[]): Access {
  const granted = new Set<ApiKeyScope>();
  const denied = new Set<ApiKeyScope>(['Admin']);
  for (const [scope, ok] of probes) (ok ? granted : denied).add(scope);
  return { exact: false, granted, denied };
}

export function withDenied(access: Access, scope: ApiKeyScope): Access {
  if (access.denied.has(scope)) return access;
  const granted = new Set(access.granted);
  granted.delete(scope);
  return { ...access, granted, denied: new Set([...access.denied, scope]) };
}

export type Verdict = { allowed: true } | { allowed: false; reason: string };

export function can(access: Access, scope: ApiKeyScope): Verdict {
  if (access.granted.has('Admin') || access.granted.has(scope)) return { allowed: true };
  if (access.denied.has(scope) || access.exact) {
    return {
      allowed: false,
      reason: access.exact
        ? `This API key does not have the ${SCOPE_LABELS[scope]} scope.`
        : `The API refused this key: it needs the ${SCOPE_LABELS[scope]} scope.`,
    };
  }
  return { allowed: true };
}

/** The key a secret belongs to: its public prefix (`ic_<lookup>`) starts the secret. */
export function findOwnKey<T extends { prefix: string; revokedAt?: string | null }>(
  keys: readonly T[],
  secret: string,
): T | undefined {
  return keys.find((k) => !k.revokedAt && (secret === k.prefix || secret.startsWith(`${k.prefix}_`)));
}
