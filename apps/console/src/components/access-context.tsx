import { createContext, useContext } from 'react';
import type { ApiKeyScope } from '../gql/graphql';
import { can, type Access, type Verdict } from '../session/access';

export interface AccessState {
  access: Access;
  /** Called when the API answered FORBIDDEN: the scope is then shown as missing. */
  learnDenied: (scope: ApiKeyScope) => void;
}

export const AccessContext = createContext<AccessState | null>(null);

export function useAccess(scope: ApiKeyScope): Verdict {
  const state = useContext(AccessContext);
  return state ? can(state.access, scope) : { allowed: true };
}

export function useLearnDenied(): (scope: ApiKeyScope) => void {
  return useContext(AccessContext)?.learnDenied ?? (() => undefined);
}
