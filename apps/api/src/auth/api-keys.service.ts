import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '@inner-circle/nest-runtime';
import { resolveScoringSettings } from '@inner-circle/domain';
import {
  type ApiKeyCredential,
  ApiKeyRepository,
  type ApiKeySummary,
  type Transaction,
} from '@inner-circle/persistence';
import { type ApiKeyScope, ALL_SCOPES } from './api-key-scope.js';
import { generateApiKey, parseApiKey, secretMatches } from './api-key-secret.js';
import type { Caller } from './caller.js';
import { VerifiedKeyCache } from './verified-key.cache.js';

export interface IssuedApiKey {
  id: string;
  plaintext: string;
}

const TOUCH_INTERVAL_MS = 60_000;

@Injectable()
export class ApiKeysService {
  /** When this process last recorded each key's use: the column is minute-grained, so skip the write in between. */
  private readonly touchedAt = new Map<string, number>();
  /** Keys verified in the last seconds: most requests then read no key row (see VerifiedKeyCache). */
  private readonly verified = new VerifiedKeyCache();
  /**
   * Key reads in flight, by lookup prefix: when an entry expires, the requests already waiting
   * on the same key share one read. Cleared by every eviction, so no request that starts after
   * a revocation joins a read that began before it.
   */
  private readonly reading = new Map<string, { row: Promise<ApiKeyCredential | null>; generation: number }>();

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

  async revoke(businessId: string, id: string): Promise<boolean> {
    const revoked = await this.apiKeys.revoke(businessId, id, this.clock.now());
    this.forgetKey(id);
    return revoked;
  }

  /** A key revoked in this process (by any path): the next request with it reads the database. */
  forgetKey(apiKeyId: string): void {
    this.verified.forgetKey(apiKeyId);
    this.reading.clear();
  }

  /**
   * The business's scoring settings or time zone changed in this process: its callers are
   * read again, so the next request scores with the new settings.
   */
  forgetBusiness(businessId: string): void {
    this.verified.forgetBusiness(businessId);
    this.reading.clear();
  }

  /** The subset of these keys still active: a long-lived connection rechecks its key with it. */
  activeKeyIds(ids: readonly string[]): Promise<Set<string>> {
    return this.apiKeys.findActiveIds(ids);
  }

  /**
   * Resolves a bearer token to its caller, or null for anything unknown, malformed or revoked.
   * A key verified in the last VERIFIED_KEY_TTL_MS is not read again, but its secret is still
   * checked against the stored hash on every request.
   */
  async authenticate(token: string): Promise<Caller | null> {
    const parsed = parseApiKey(token);
    if (!parsed) return null;
    const now = this.clock.now();
    const cached = this.verified.recall(parsed.lookupPrefix, now.getTime());
    if (cached) {
      if (!secretMatches(parsed.secret, cached.secretHash)) return null;
      await this.touchLastUsed(cached.caller.apiKeyId, now);
      return cached.caller;
    }
    const { row: reading, generation } = this.readCredential(parsed.lookupPrefix);
    const row = await reading;
    if (!row || !secretMatches(parsed.secret, row.secretHash)) return null;
    await this.touchLastUsed(row.id, now);
    const known = new Set<string>(ALL_SCOPES);
    const caller: Caller = {
      businessId: row.businessId,
      apiKeyId: row.id,
      scopes: new Set(row.scopes.filter((scope): scope is ApiKeyScope => known.has(scope))),
      scoringSettings: resolveScoringSettings(row.business.scoringSettings, row.business.timeZone),
    };
    this.verified.remember(parsed.lookupPrefix, row.secretHash, caller, now.getTime(), generation);
    return caller;
  }

  private readCredential(lookupPrefix: string) {
    let read = this.reading.get(lookupPrefix);
    if (!read) {
      const row = this.apiKeys.findActiveCredential(lookupPrefix);
      read = { row, generation: this.verified.currentGeneration };
      this.reading.set(lookupPrefix, read);
      const done = read;
      const forget = () => {
        if (this.reading.get(lookupPrefix) === done) this.reading.delete(lookupPrefix);
      };
      row.then(forget, forget);
    }
    return read;
  }

  private async touchLastUsed(keyId: string, now: Date): Promise<void> {
    const last = this.touchedAt.get(keyId);
    if (last !== undefined && now.getTime() - last < TOUCH_INTERVAL_MS) return;
    this.touchedAt.set(keyId, now.getTime());
    await this.apiKeys.touchLastUsed(keyId, now);
  }
}
