import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The embedded mode's durable event transport (packages/messaging, PostgresTransport):
 * an append-only log per topic partition, the next offset of each partition (its row
 * lock orders publishers), and each consumer group's position.
 */
export class EmbeddedEventLog1796091000000 implements MigrationInterface {
  name = 'EmbeddedEventLog1796091000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "event_partitions" (
                "topic" text NOT NULL,
                "partition" integer NOT NULL,
                "next_offset" bigint NOT NULL DEFAULT 0,
                CONSTRAINT "PK_event_partitions" PRIMARY KEY ("topic", "partition")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "event_log" (
                "topic" text NOT NULL,
                "partition" integer NOT NULL,
                "offset" bigint NOT NULL,
                "message_key" text NOT NULL,
                "value" bytea NOT NULL,
                "headers" jsonb NOT NULL DEFAULT '{}',
                "created_at" timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT "PK_event_log" PRIMARY KEY ("topic", "partition", "offset")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "event_log_created_at" ON "event_log" ("topic", "created_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "event_consumer_positions" (
                "group_id" text NOT NULL,
                "topic" text NOT NULL,
                "partition" integer NOT NULL,
                "next_offset" bigint NOT NULL,
                "seen_at" timestamptz NOT NULL DEFAULT now(),
                CONSTRAINT "PK_event_consumer_positions" PRIMARY KEY ("group_id", "topic", "partition")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "event_consumer_positions_topic" ON "event_consumer_positions" ("topic", "partition")
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            DROP TABLE "event_consumer_positions"
        `);
    await queryRunner.query(`
            DROP TABLE "event_log"
        `);
    await queryRunner.query(`
            DROP TABLE "event_partitions"
        `);
  }
}
