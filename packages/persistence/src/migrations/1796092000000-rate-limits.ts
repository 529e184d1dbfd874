import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The fair-share rate per API key, shared by every api instance (rate-limiter-flexible's
 * PostgreSQL store, whose table layout this is). Created here, never by the library at runtime.
 */
export class RateLimits1796092000000 implements MigrationInterface {
  name = 'RateLimits1796092000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "rate_limits" (
                "key" varchar(255) PRIMARY KEY,
                "points" integer NOT NULL DEFAULT 0,
                "expire" bigint
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "rate_limits"`);
  }
}
