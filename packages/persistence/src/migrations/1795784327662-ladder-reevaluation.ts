import { MigrationInterface, QueryRunner } from 'typeorm';

export class LadderReevaluation1795784327662 implements MigrationInterface {
  name = 'LadderReevaluation1795784327662';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "businesses"
            ADD "evaluated_ladder_version" integer NOT NULL DEFAULT '0'
        `);
    await queryRunner.query(`
            ALTER TABLE "businesses"
            ADD "reevaluation_cursor" uuid
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "businesses" DROP COLUMN "reevaluation_cursor"
        `);
    await queryRunner.query(`
            ALTER TABLE "businesses" DROP COLUMN "evaluated_ladder_version"
        `);
  }
}
