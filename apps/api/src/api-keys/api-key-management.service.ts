import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import { ApiKeyRepository } from '@inner-circle/persistence';
import { ApiKeysService } from '../auth/api-keys.service.js';
import type { Caller } from '../auth/caller.js';
import { toApiKeyObject } from './api-key.mapper.js';
import { ApiKeyErrorCode, ApiKeyException } from './api-keys.exception.js';
import type { ApiKeyObject } from './dto/api-key.object.js';
import type { CreateApiKeyInput } from './dto/create-api-key.input.js';
import type { CreatedApiKeyObject } from './dto/created-api-key.object.js';

/** Keys managed by an admin key of the same business; every change leaves an audit row. */
@Injectable()
export class ApiKeyManagementService {
  constructor(
    @Inject(ApiKeysService) private readonly apiKeys: ApiKeysService,
    @Inject(ApiKeyRepository) private readonly keys: ApiKeyRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async create(caller: Caller, input: CreateApiKeyInput): Promise<CreatedApiKeyObject> {
    const { key, plaintext } = await this.apiKeys.issueAudited(
      caller.businessId,
      input.name,
      input.scopes,
      caller.apiKeyId,
    );
    return { apiKey: toApiKeyObject(key), secret: plaintext };
  }

  async list(caller: Caller): Promise<ApiKeyObject[]> {
    return (await this.keys.listByBusiness(caller.businessId)).map(toApiKeyObject);
  }

  /**
   * Revoking is idempotent (a revoked key comes back unchanged). The caller may revoke the
   * very key it is using: this request still completes, the next one is UNAUTHENTICATED.
   */
  async revoke(caller: Caller, id: string): Promise<ApiKeyObject> {
    const result = await this.keys.revokeAudited(caller.businessId, id, caller.apiKeyId, this.clock.now());
    if (!result) throw new ApiKeyException(ApiKeyErrorCode.NotFound, `No API key with id ${id}`);
    this.apiKeys.forgetKey(id);
    return toApiKeyObject(result.key);
  }
}
