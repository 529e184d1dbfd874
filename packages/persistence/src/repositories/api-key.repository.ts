import { type DataSource, IsNull } from 'typeorm';
import type { Transaction } from '../transaction-runner.js';
import { ApiKeyEntity } from '../entities/api-key.entity.js';

export interface NewApiKey {
  businessId: string;
  name: string;
  lookupPrefix: string;
  secretHash: Buffer;
  scopes: string[];
}

export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(key: NewApiKey, manager: Transaction = this.dataSource.manager): Promise<ApiKeyEntity> {
    return manager.getRepository(ApiKeyEntity).save({ ...key, lastUsedAt: null, revokedAt: null });
  }

  findActiveByLookupPrefix(lookupPrefix: string): Promise<ApiKeyEntity | null> {
    return this.dataSource.getRepository(ApiKeyEntity).findOneBy({ lookupPrefix, revokedAt: IsNull() });
  }

  /** Revokes a key of this business; false when no such active key exists for it. */
  async revoke(businessId: string, id: string, now: Date): Promise<boolean> {
    const result = await this.dataSource
      .getRepository(ApiKeyEntity)
      .update({ id, businessId, revokedAt: IsNull() }, { revokedAt: now });
    return (result.affected ?? 0) > 0;
  }

  /** Coarse on purpose: one write per key per minute is enough to answer "is this key in use". */
  async touchLastUsed(id: string, now: Date): Promise<void> {
    await this.dataSource.query(
      `UPDATE api_keys SET last_used_at = $2
        WHERE id = $1 AND (last_used_at IS NULL OR last_used_at < $2::timestamptz - interval '1 minute')`,
      [id, now],
    );
  }
}
