import { MigrationInterface, QueryRunner } from 'typeorm';

export class WaitlistAndGraceIndexes1795788601797 implements MigrationInterface {
  name = 'WaitlistAndGraceIndexes1795788601797';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE INDEX "customers_grace" ON "customers" ("business_id", "grace_until")
            WHERE grace_until IS NOT NULL
        `);
    await queryRunner.query(`
            CREATE INDEX "customers_waitlist" ON "customers" ("business_id", "waitlisted_for_tier_id", "score")
            WHERE waitlisted_for_tier_id IS NOT NULL
                AND erased_at IS NULL
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP INDEX "public"."customers_waitlist"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."customers_grace"
        `);
  }
}
