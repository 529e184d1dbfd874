import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Seat changes of tiers without a capacity, appended instead of updating the tier row (issue 14,
 * round 4): batches that only move customers into unbounded tiers hold those rows in share mode
 * and no longer queue on them. A tier's members are `member_count` plus its pending deltas; the
 * sweep and every ladder change fold them back into `member_count`. No foreign key: its check
 * would run a nested statement and take a key-share lock per appended row on the hottest path,
 * and the one writer appends only for a tier it joined by business (a tier row is never deleted;
 * a fold deletes the deltas of a tier id whatever it finds).
 */
export class TierSeatChanges1796094000000 implements MigrationInterface {
  name = 'TierSeatChanges1796094000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "tier_seat_changes" (
                "id" bigserial NOT NULL,
                "tier_id" uuid NOT NULL,
                "delta" integer NOT NULL,
                CONSTRAINT "PK_tier_seat_changes" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`CREATE INDEX "tier_seat_changes_tier" ON "tier_seat_changes" ("tier_id")`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "tier_seat_changes"`);
  }
}
