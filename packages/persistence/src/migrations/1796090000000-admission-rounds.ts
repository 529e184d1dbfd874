import { MigrationInterface, QueryRunner } from 'typeorm';

/** Tiers may admit in rounds: the best of the waitlist when a period opens, once per period. */
export class AdmissionRounds1796090000000 implements MigrationInterface {
  name = 'AdmissionRounds1796090000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tiers" ADD "admission_mode" text NOT NULL DEFAULT 'CONTINUOUS'`);
    await queryRunner.query(`ALTER TABLE "tiers" ADD "round_held_for" text`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "tiers" DROP COLUMN "round_held_for"`);
    await queryRunner.query(`ALTER TABLE "tiers" DROP COLUMN "admission_mode"`);
  }
}
