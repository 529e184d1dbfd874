import { MigrationInterface, QueryRunner } from 'typeorm';

/** How far the ladder application and the score recompute of each business got (issue 13). */
export class LongWorkProgress1796093500000 implements MigrationInterface {
  name = 'LongWorkProgress1796093500000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "long_work_progress" (
                "business_id" uuid NOT NULL,
                "kind" text NOT NULL,
                "version" integer NOT NULL,
                "customers_done" integer NOT NULL,
                "customers_total" integer NOT NULL,
                "started_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "finished_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_c4a6641bedf7dcf5b502c42bff1" PRIMARY KEY ("business_id", "kind")
            )
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "long_work_progress"`);
  }
}
