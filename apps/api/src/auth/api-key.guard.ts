import { type CanActivate, type ExecutionContext, Inject, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { clientError } from '../graphql/client-error.js';
import { ApiKeyScope } from './api-key-scope.js';
import { ApiKeysService } from './api-keys.service.js';
import { PUBLIC_KEY, requestOf, SCOPES_KEY } from './auth.decorators.js';

/** Global guard: every operation needs a valid key, and the scopes its resolver declares. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(ApiKeysService) private readonly apiKeys: ApiKeysService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const targets = [context.getHandler(), context.getClass()];
    if (this.reflector.getAllAndOverride<boolean>(PUBLIC_KEY, targets)) return true;

    const request = requestOf(context);
    request.caller ??= await this.authenticate(request.headers.authorization);
    const required = this.reflector.getAllAndOverride<ApiKeyScope[] | undefined>(SCOPES_KEY, targets) ?? [];
    const { scopes } = request.caller;
    const missing = required.filter((scope) => !scopes.has(scope) && !scopes.has(ApiKeyScope.Admin));
    if (missing.length) {
      throw clientError('FORBIDDEN', `This API key lacks the scope(s): ${missing.join(', ')}`, {
        missingScopes: missing,
      });
    }
    return true;
  }

  private async authenticate(header: string | string[] | undefined) {
    const token = typeof header === 'string' ? /^Bearer\s+(\S+)$/i.exec(header)?.[1] : undefined;
    if (!token) throw clientError('UNAUTHENTICATED', 'Send an API key as "Authorization: Bearer <key>"');
    const caller = await this.apiKeys.authenticate(token);
    if (!caller) throw clientError('UNAUTHENTICATED', 'The API key is not valid or has been revoked');
    return caller;
  }
}
