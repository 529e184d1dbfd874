import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The customers-by-tier index gains the rank key: the sweep's search for members whose score
 * faded below their tier's retain score becomes a range per tier instead of a walk of the whole
 * business (1,000,000 rows every 15 s in the million-customer bench, issue 14 round 4). It
 * replaces the old index rather than adding one, so a score update writes no more index entries.
 */
export class CustomersTierScoreKey1796094500000 implements MigrationInterface {
  name = 'CustomersTierScoreKey1796094500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."customers_business_tier"`);
    await queryRunner.query(
      `CREATE INDEX "customers_business_tier_score_key" ON "customers" ("business_id", "tier_id", "score_key")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."customers_business_tier_score_key"`);
    await queryRunner.query(
      `CREATE INDEX "customers_business_tier" ON "customers" ("business_id", "tier_id")`,
    );
  }
}
