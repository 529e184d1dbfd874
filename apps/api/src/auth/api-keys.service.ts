import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import { resolveScoringSettings } from '@inner-circle/domain';
import { ApiKeyRepository, type ApiKeySummary, type Transaction } from '@inner-circle/persistence';
import { type ApiKeyScope, ALL_SCOPES } from './api-key-scope.js';
import { generateApiKey, parseApiKey, secretMatches } from './api-key-secret.js';
import type { Caller } from './caller.js';

export interface IssuedApiKey {
  id: string;
  plaintext: string;
}

const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class ApiKeysService {
  /** When this process last recorded each key's use: the column is minute-grained, so skip the write in between. */
  private readonly touchedAt = new Map<string, number>();

  constructor(
    @Inject(ApiKeyRepository) private readonly apiKeys: ApiKeyRepository,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async issue(
    businessId: string,
    name: string,
    scopes: ApiKeyScope[],
    transaction?: Transaction,
  ): Promise<IssuedApiKey> {
    const key = generateApiKey();
    const row = await this.apiKeys.create(
      { businessId, name, lookupPrefix: key.lookupPrefix, secretHash: key.secretHash, scopes },
      transaction,
    );
    return { id: row.id, plaintext: key.plaintext };
  }

  /** Like `issue`, with the audit row written in the same statement; the plaintext leaves here once. */
  async issueAudited(
    businessId: string,
    name: string,
    scopes: ApiKeyScope[],
    actorKeyId: string | null,
  ): Promise<{ key: ApiKeySummary; plaintext: string }> {
    const key = generateApiKey();
    const summary = await this.apiKeys.createAudited(
      { businessId, name, lookupPrefix: key.lookupPrefix, secretHash: key.secretHash, scopes },
      actorKeyId,
    );
    return { key: summary, plaintext: key.plaintext };
  }

  revoke(businessId: string, id: string): Promise<boolean> {
    return this.apiKeys.revoke(businessId, id, this.clock.now());
  }

  /** The subset of these keys still active: a long-lived connection rechecks its key with it. */
  activeKeyIds(ids: readonly string[]): Promise<Set<string>> {
    return this.apiKeys.findActiveIds(ids);
  }

  /** Resolves a bearer token to its caller, or null for anything unknown, malformed or revoked. */
  async authenticate(token: string): Promise<Caller | null> {
    const parsed = parseApiKey(token);
    if (!parsed) return null;
    const row = await this.apiKeys.findActiveCredential(parsed.lookupPrefix);
    if (!row || !secretMatches(parsed.secret, row.secretHash)) return null;
    await this.touchLastUsed(row.id, this.clock.now());
    const known = new Set<string>(ALL_SCOPES);
    return {
      businessId: row.businessId,
      apiKeyId: row.id,
      scopes: new Set(row.scopes.filter((scope): scope is ApiKeyScope => known.has(scope))),
      scoringSettings: resolveScoringSettings(row.business.scoringSettings, row.business.timeZone),
    };
  }

  private async touchLastUsed(keyId: string, now: Date): Promise<void> {
    const last = this.touchedAt.get(keyId);
    if (last !== undefined && now.getTime() - last < TOUCH_INTERVAL_MS) return;
    this.touchedAt.set(keyId, now.getTime());
    await this.apiKeys.touchLastUsed(keyId, now);
  }
}
