import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '@inner-circle/config';
import { APP_CONFIG } from '@inner-circle/nest-runtime';
import { RateLimitStore } from '@inner-circle/persistence';
import { RateLimiterMemory, RateLimiterPostgres, RateLimiterRes } from 'rate-limiter-flexible';
import { clientError } from '../../graphql/client-error.js';

const ALL_KEYS = 'all';

/**
 * Fair share of heavy operations (imports, batches, simulations) between API keys: a rate
 * per key over a window, and a cap on how many run at once, per key and in total. The
 * total cap stays below the database pool size, so heavy work never holds every
 * connection and light queries of other businesses always find one.
 *
 * The rate is counted in PostgreSQL (rate-limiter-flexible's PostgreSQL store, table
 * `rate_limits`), so every api instance on the database shares one count per key. What runs at
 * once is counted in this process (a seat is held for the length of a request, which a shared
 * store could not give back if the process died): with N instances, N times the per-process caps.
 */
@Injectable()
export class FairShareService {
  private readonly rate: RateLimiterPostgres;
  /** Points are running operations: taken at start, given back at the end (no expiry). */
  private readonly runningPerKey: RateLimiterMemory;
  private readonly runningInTotal: RateLimiterMemory;

  constructor(@Inject(APP_CONFIG) config: AppConfig, @Inject(RateLimitStore) store: RateLimitStore) {
    const share = config.fairShare;
    this.rate = new RateLimiterPostgres({
      storeClient: store.client,
      storeType: 'pool',
      tableName: store.tableName,
      // The migration made the table; expired rows are reset by the next consume of their key.
      tableCreated: true,
      clearExpiredByTimeout: false,
      keyPrefix: 'heavy-rate',
      points: share.heavyRateLimit,
      duration: share.heavyRateWindowSeconds,
    });
    this.runningPerKey = new RateLimiterMemory({
      keyPrefix: 'heavy-running',
      points: share.heavyConcurrencyPerKey,
      duration: 0,
    });
    this.runningInTotal = new RateLimiterMemory({
      keyPrefix: 'heavy-running-total',
      points: share.heavyConcurrencyTotal,
      duration: 0,
    });
  }

  /**
   * Takes a seat for one heavy operation of this key, or throws RATE_LIMITED with
   * `extensions.retryAfter` (seconds). The returned function gives the seat back.
   */
  async acquire(apiKeyId: string): Promise<() => void> {
    try {
      await this.rate.consume(apiKeyId);
    } catch (refusal) {
      throw rateLimited('Too many heavy operations for this API key; retry later', secondsUntil(refusal));
    }
    if (!(await this.take(this.runningPerKey, apiKeyId))) {
      throw rateLimited('This API key already runs as many heavy operations as it may at once', 1);
    }
    if (!(await this.take(this.runningInTotal, ALL_KEYS))) {
      void this.runningPerKey.reward(apiKeyId);
      throw rateLimited('The server runs as many heavy operations as it may at once', 1);
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      void this.runningPerKey.reward(apiKeyId);
      void this.runningInTotal.reward(ALL_KEYS);
    };
  }

  private async take(limiter: RateLimiterMemory, key: string): Promise<boolean> {
    try {
      await limiter.consume(key);
      return true;
    } catch (refusal) {
      if (!(refusal instanceof RateLimiterRes)) throw refusal;
      // A refused consume still counted the point: give it back.
      await limiter.reward(key);
      return false;
    }
  }
}

function secondsUntil(refusal: unknown): number {
  if (!(refusal instanceof RateLimiterRes)) throw refusal;
  return Math.max(1, Math.ceil(refusal.msBeforeNext / 1000));
}

function rateLimited(message: string, retryAfter: number) {
  return clientError('RATE_LIMITED', message, { retryAfter });
}
