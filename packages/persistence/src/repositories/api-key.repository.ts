import { type DataSource, IsNull } from 'typeorm';
import type { Transaction } from '../transaction-runner.js';
import { ApiKeyEntity } from '../entities/api-key.entity.js';
import type { BusinessScoringProfile } from './business.repository.js';

export interface NewApiKey {
  businessId: string;
  name: string;
  lookupPrefix: string;
  secretHash: Buffer;
  scopes: string[];
}

/** What authenticating a key needs: its secret hash, grants, and its business's scoring profile. */
export interface ApiKeyCredential {
  id: string;
  businessId: string;
  secretHash: Buffer;
  scopes: string[];
  business: BusinessScoringProfile;
}

/** A key as its owner may see it: never the secret hash. */
export interface ApiKeySummary {
  id: string;
  businessId: string;
  name: string;
  lookupPrefix: string;
  scopes: string[];
  createdAt: Date;
  lastUsedAt: Date | null;
  revokedAt: Date | null;
}

interface RawApiKeySummary {
  id: string;
  business_id: string;
  name: string;
  lookup_prefix: string;
  scopes: string[];
  created_at: Date;
  last_used_at: Date | null;
  revoked_at: Date | null;
}

const SUMMARY_COLUMNS = 'id, business_id, name, lookup_prefix, scopes, created_at, last_used_at, revoked_at';

export class ApiKeyRepository {
  constructor(private readonly dataSource: DataSource) {}

  async create(key: NewApiKey, manager: Transaction = this.dataSource.manager): Promise<ApiKeyEntity> {
    return manager.getRepository(ApiKeyEntity).save({ ...key, lastUsedAt: null, revokedAt: null });
  }

  /**
   * The active key with this lookup prefix and its business's scoring profile, in one
   * indexed read and without entity hydration: every authenticated request starts here,
   * and what a request needs of its business comes with the key. The api keeps a verified
   * answer for at most a couple of seconds (apps/api VerifiedKeyCache), so a key revoked by
   * another process fails within that; one revoked through the same api fails at once.
   */
  async findActiveCredential(lookupPrefix: string): Promise<ApiKeyCredential | null> {
    const rows: {
      id: string;
      business_id: string;
      secret_hash: Buffer;
      scopes: string[];
      time_zone: string;
      scoring_settings: Record<string, unknown> | null;
    }[] = await this.dataSource.query(
      `SELECT k.id, k.business_id, k.secret_hash, k.scopes, b.time_zone, b.scoring_settings
         FROM api_keys k
         JOIN businesses b ON b.id = k.business_id
        WHERE k.lookup_prefix = $1 AND k.revoked_at IS NULL`,
      [lookupPrefix],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      businessId: row.business_id,
      secretHash: row.secret_hash,
      scopes: row.scopes,
      business: { timeZone: row.time_zone, scoringSettings: row.scoring_settings },
    };
  }

  /** Which of these keys are still active (not revoked, business not deleted): open sockets are rechecked with it. */
  async findActiveIds(ids: readonly string[]): Promise<Set<string>> {
    if (!ids.length) return new Set();
    const rows: { id: string }[] = await this.dataSource.query(
      `SELECT id FROM api_keys WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL`,
      [ids],
    );
    return new Set(rows.map((row) => row.id));
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

  /** Creates the key and its audit row in one statement, so neither exists without the other. */
  async createAudited(key: NewApiKey, actorKeyId: string | null): Promise<ApiKeySummary> {
    const rows: RawApiKeySummary[] = await this.dataSource.query(
      `WITH created AS (
         INSERT INTO api_keys (business_id, name, lookup_prefix, secret_hash, scopes)
         VALUES ($1, $2, $3, $4, $5::text[])
         RETURNING ${SUMMARY_COLUMNS}
       ), audit AS (
         INSERT INTO audit_log (business_id, actor_key_id, action, target_type, target_id, details)
         SELECT business_id, $6, 'api_key.created', 'api_key', id::text,
                jsonb_build_object('name', name, 'scopes', to_jsonb(scopes))
           FROM created
       )
       SELECT ${SUMMARY_COLUMNS} FROM created`,
      [key.businessId, key.name, key.lookupPrefix, key.secretHash, key.scopes, actorKeyId],
    );
    return toSummary(rows[0]);
  }

  /** Every key of the business, revoked ones included, oldest first; secret hashes are not read. */
  async listByBusiness(businessId: string): Promise<ApiKeySummary[]> {
    const rows: RawApiKeySummary[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM api_keys WHERE business_id = $1 ORDER BY created_at, id`,
      [businessId],
    );
    return rows.map(toSummary);
  }

  /**
   * Revokes a key of this business and writes the audit row in the same statement. A key
   * revoked before is returned as it is (no second audit row); null when the business has no
   * such key. The update alone decides who revokes, so concurrent calls audit once.
   */
  async revokeAudited(
    businessId: string,
    id: string,
    actorKeyId: string | null,
    now: Date,
  ): Promise<{ key: ApiKeySummary; revokedNow: boolean } | null> {
    const revoked: RawApiKeySummary[] = await this.dataSource.query(
      `WITH revoked AS (
         UPDATE api_keys SET revoked_at = $3
          WHERE id = $2 AND business_id = $1 AND revoked_at IS NULL
         RETURNING ${SUMMARY_COLUMNS}
       ), audit AS (
         INSERT INTO audit_log (business_id, actor_key_id, action, target_type, target_id, details)
         SELECT business_id, $4, 'api_key.revoked', 'api_key', id::text, jsonb_build_object('name', name)
           FROM revoked
       )
       SELECT ${SUMMARY_COLUMNS} FROM revoked`,
      [businessId, id, now, actorKeyId],
    );
    if (revoked.length) return { key: toSummary(revoked[0]), revokedNow: true };
    const existing: RawApiKeySummary[] = await this.dataSource.query(
      `SELECT ${SUMMARY_COLUMNS} FROM api_keys WHERE id = $2 AND business_id = $1`,
      [businessId, id],
    );
    return existing.length ? { key: toSummary(existing[0]), revokedNow: false } : null;
  }
}

function toSummary(row: RawApiKeySummary): ApiKeySummary {
  return {
    id: row.id,
    businessId: row.business_id,
    name: row.name,
    lookupPrefix: row.lookup_prefix,
    scopes: row.scopes,
    createdAt: row.created_at,
    lastUsedAt: row.last_used_at,
    revokedAt: row.revoked_at,
  };
}
