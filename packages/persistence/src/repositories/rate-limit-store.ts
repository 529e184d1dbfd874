import type { DataSource } from 'typeorm';

/** The table rate-limiter-flexible's PostgreSQL store reads and writes (created by a migration). */
export const RATE_LIMITS_TABLE = 'rate_limits';

/**
 * The database connection a shared rate limiter counts in: the pool this process already has,
 * so every api instance on the same database shares one count per key, with no extra pool.
 */
export class RateLimitStore {
  constructor(private readonly dataSource: DataSource) {}

  /** The driver's pg Pool (rate-limiter-flexible's `storeClient`, storeType 'pool'). */
  get client(): unknown {
    return (this.dataSource.driver as unknown as { master: unknown }).master;
  }

  readonly tableName = RATE_LIMITS_TABLE;
}
