import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Score model v2: the time-invariant rank key every "best first" order uses, and a scoring
 * version per business. Raising the version makes the sweep recompute every stored score from
 * the interactions (resumable from the cursor), which is how the new model reaches old rows.
 */
export class ScoreModelV21796085000000 implements MigrationInterface {
  name = 'ScoreModelV21796085000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "customers" ADD "score_key" double precision NOT NULL DEFAULT '-Infinity'`,
    );
    await queryRunner.query(`ALTER TABLE "businesses" ADD "scoring_version" integer NOT NULL DEFAULT 2`);
    await queryRunner.query(
      `ALTER TABLE "businesses" ADD "scores_recomputed_version" integer NOT NULL DEFAULT 2`,
    );
    await queryRunner.query(`ALTER TABLE "businesses" ADD "score_recompute_cursor" uuid`);
    // Existing businesses hold scores of the first model: recompute them all at deploy.
    await queryRunner.query(`UPDATE "businesses" SET "scores_recomputed_version" = 1`);
    // The first model's keys no longer mean anything; the defaults of v2 apply.
    await queryRunner.query(
      `UPDATE "businesses" SET "scoring_settings" = "scoring_settings" - 'dailyCaps' - 'lateArrivalWindowDays'
        WHERE "scoring_settings" IS NOT NULL`,
    );
    await queryRunner.query(`DROP INDEX "public"."customers_waitlist"`);
    await queryRunner.query(`DROP INDEX "public"."customers_business_score"`);
    await queryRunner.query(
      `CREATE INDEX "customers_business_score_key" ON "customers" ("business_id", "score_key", "id")`,
    );
    await queryRunner.query(`
            CREATE INDEX "customers_waitlist" ON "customers" ("business_id", "waitlisted_for_tier_id", "score_key")
            WHERE waitlisted_for_tier_id IS NOT NULL
                AND erased_at IS NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."customers_waitlist"`);
    await queryRunner.query(`DROP INDEX "public"."customers_business_score_key"`);
    await queryRunner.query(
      `CREATE INDEX "customers_business_score" ON "customers" ("business_id", "score")`,
    );
    await queryRunner.query(`
            CREATE INDEX "customers_waitlist" ON "customers" ("business_id", "waitlisted_for_tier_id", "score")
            WHERE waitlisted_for_tier_id IS NOT NULL
                AND erased_at IS NULL
        `);
    await queryRunner.query(`ALTER TABLE "businesses" DROP COLUMN "score_recompute_cursor"`);
    await queryRunner.query(`ALTER TABLE "businesses" DROP COLUMN "scores_recomputed_version"`);
    await queryRunner.query(`ALTER TABLE "businesses" DROP COLUMN "scoring_version"`);
    await queryRunner.query(`ALTER TABLE "customers" DROP COLUMN "score_key"`);
  }
}
