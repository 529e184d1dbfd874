import { createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { ApiKeyScope } from './api-key-scope.js';
import type { Caller } from './caller.js';

export const SCOPES_KEY = 'inner-circle:scopes';
export const PUBLIC_KEY = 'inner-circle:public';

/** The key must carry every listed scope (`admin` implies all). */
export const RequireScopes = (...scopes: ApiKeyScope[]) => SetMetadata(SCOPES_KEY, scopes);

/** Reachable without a key (health probes). */
export const Public = () => SetMetadata(PUBLIC_KEY, true);

/** The authenticated caller, set by the API key guard. */
export const CurrentCaller = createParamDecorator((_data: unknown, context: ExecutionContext): Caller => {
  const caller = requestOf(context).caller;
  if (!caller) throw new Error('CurrentCaller used on a route the API key guard does not protect');
  return caller;
});

/**
 * The request's caller, for a mutation that changes what the caller carries (setTierLadder
 * moving the business's time zone): `replace` hands the fields resolved after it in the same
 * operation a new caller, as a fresh read would give them. The Caller objects themselves are
 * never mutated, so whatever already holds one keeps a consistent snapshot.
 */
export interface RequestCaller {
  readonly caller: Caller;
  replace(next: Caller): void;
}

export const CurrentRequestCaller = createParamDecorator(
  (_data: unknown, context: ExecutionContext): RequestCaller => requestCallerOf(requestOf(context)),
);

export function requestCallerOf(request: AuthenticatedRequest): RequestCaller {
  return {
    get caller(): Caller {
      if (!request.caller)
        throw new Error('CurrentRequestCaller used on a route the API key guard does not protect');
      return request.caller;
    },
    replace(next: Caller): void {
      if (next.businessId !== request.caller?.businessId || next.apiKeyId !== request.caller.apiKeyId)
        throw new Error('a request keeps its caller: only what the caller carries may change');
      request.caller = next;
    },
  };
}

export interface AuthenticatedRequest {
  headers: Record<string, string | string[] | undefined>;
  caller?: Caller;
}

/** The GraphQL context of an operation, over HTTP or graphql-ws alike. */
export interface GraphQLRequestContext {
  req: AuthenticatedRequest;
}

/**
 * The caller for a field resolver that takes GraphQL's own (parent, args, context) instead of
 * parameter decorators: Nest then hands GraphQL the method itself, where decorators cost an
 * execution context per parameter per field (×50 on a page of customers). Field resolvers run
 * no guards either way; the operation's own resolver was guarded.
 */
export function callerOfContext(context: GraphQLRequestContext): Caller {
  const caller = context.req.caller;
  if (!caller) throw new Error('a field resolver ran outside an operation the API key guard protects');
  return caller;
}

export function requestOf(context: ExecutionContext): AuthenticatedRequest {
  if (context.getType<string>() === 'graphql') {
    return GqlExecutionContext.create(context).getContext<{ req: AuthenticatedRequest }>().req;
  }
  return context.switchToHttp().getRequest<AuthenticatedRequest>();
}
