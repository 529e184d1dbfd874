import { MigrationInterface, QueryRunner } from 'typeorm';

export class CoreSchema1795780452996 implements MigrationInterface {
  name = 'CoreSchema1795780452996';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            CREATE TABLE "businesses" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "name" text NOT NULL,
                "time_zone" text NOT NULL DEFAULT 'UTC',
                "scoring_settings" jsonb,
                "ladder_version" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_bc1bf63498dd2368ce3dc8686e8" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "api_keys" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "business_id" uuid NOT NULL,
                "name" text NOT NULL,
                "lookup_prefix" text NOT NULL,
                "secret_hash" bytea NOT NULL,
                "scopes" text array NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_used_at" TIMESTAMP WITH TIME ZONE,
                "revoked_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_5c8a79801b44bd27b79228e1dad" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "IDX_b09e28e6ec04d278e1f56a5a9d" ON "api_keys" ("business_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_02b6665bcbf8e1f200d41d3bcf" ON "api_keys" ("lookup_prefix")
        `);
    await queryRunner.query(`
            CREATE TABLE "audit_log" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "business_id" uuid NOT NULL,
                "actor_key_id" uuid,
                "action" text NOT NULL,
                "target_type" text NOT NULL,
                "target_id" text NOT NULL,
                "details" jsonb NOT NULL DEFAULT '{}',
                "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "audit_log_business_at" ON "audit_log" ("business_id", "at")
        `);
    await queryRunner.query(`
            CREATE TABLE "campaigns" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "business_id" uuid NOT NULL,
                "name" text NOT NULL,
                "description" text,
                "status" text NOT NULL DEFAULT 'DRAFT',
                "starts_at" TIMESTAMP WITH TIME ZONE,
                "ends_at" TIMESTAMP WITH TIME ZONE,
                "audience_min_rank" integer,
                "audience_tier_ids" uuid array,
                "cap_total" integer,
                "cap_per_customer" integer,
                "cap_per_period" integer,
                "cap_period" text,
                "redeemed_count" integer NOT NULL DEFAULT '0',
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_831e3fcd4fc45b4e4c3f57a9ee4" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "campaigns_business_status" ON "campaigns" ("business_id", "status")
        `);
    await queryRunner.query(`
            CREATE TABLE "customers" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "business_id" uuid NOT NULL,
                "external_ref" text NOT NULL,
                "name" text,
                "email" text,
                "marketing_consent" boolean NOT NULL DEFAULT false,
                "score" double precision NOT NULL DEFAULT '0',
                "score_as_of" TIMESTAMP WITH TIME ZONE,
                "score_state" jsonb,
                "tier_id" uuid,
                "tier_since" TIMESTAMP WITH TIME ZONE,
                "grace_until" TIMESTAMP WITH TIME ZONE,
                "waitlisted_for_tier_id" uuid,
                "qualified_at" TIMESTAMP WITH TIME ZONE,
                "lock_tier_id" uuid,
                "lock_until" TIMESTAMP WITH TIME ZONE,
                "lock_reason" text,
                "joined_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "last_interaction_at" TIMESTAMP WITH TIME ZONE,
                "erased_at" TIMESTAMP WITH TIME ZONE,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_133ec679a801fab5e070f73d3ea" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "customers_business_tier" ON "customers" ("business_id", "tier_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "customers_business_score" ON "customers" ("business_id", "score")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "customers_business_external_ref" ON "customers" ("business_id", "external_ref")
        `);
    await queryRunner.query(`
            CREATE TABLE "interactions" (
                "business_id" uuid NOT NULL,
                "id" text NOT NULL,
                "customer_id" uuid NOT NULL,
                "type" text NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                "amount" numeric(14, 2),
                "currency" character(3),
                "rating" smallint,
                "comment" text,
                "referred_customer_ref" text,
                "campaign_id" uuid,
                "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_b7bc48e1d8958363f46a51c2d30" PRIMARY KEY ("business_id", "id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "interactions_customer_occurred" ON "interactions" ("customer_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "outbox" (
                "id" BIGSERIAL NOT NULL,
                "event_id" uuid NOT NULL,
                "topic" text NOT NULL,
                "message_key" text NOT NULL,
                "payload" jsonb NOT NULL,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                "published_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_340ab539f309f03bdaa14aa7649" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "IDX_cc0c9e40998e45ecfc5e313429" ON "outbox" ("event_id")
        `);
    await queryRunner.query(`
            CREATE INDEX "outbox_unpublished" ON "outbox" ("id")
            WHERE published_at IS NULL
        `);
    await queryRunner.query(`
            CREATE TABLE "redemptions" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "business_id" uuid NOT NULL,
                "campaign_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "idempotency_key" text NOT NULL,
                "tier_id" uuid,
                "period_key" text,
                "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(),
                CONSTRAINT "PK_def143ab94376fea5985bb04219" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "redemptions_campaign_period" ON "redemptions" ("campaign_id", "period_key")
        `);
    await queryRunner.query(`
            CREATE INDEX "redemptions_campaign_customer" ON "redemptions" ("campaign_id", "customer_id")
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "redemptions_idempotency" ON "redemptions" ("business_id", "idempotency_key")
        `);
    await queryRunner.query(`
            CREATE TABLE "tier_admissions" (
                "tier_id" uuid NOT NULL,
                "period_key" text NOT NULL,
                "admitted" integer NOT NULL DEFAULT '0',
                CONSTRAINT "PK_0f412e5fc5fa1932f4fcbbcd5b8" PRIMARY KEY ("tier_id", "period_key")
            )
        `);
    await queryRunner.query(`
            CREATE TABLE "tier_changes" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "business_id" uuid NOT NULL,
                "customer_id" uuid NOT NULL,
                "from_tier_id" uuid,
                "to_tier_id" uuid,
                "direction" text NOT NULL,
                "reason" text NOT NULL,
                "score" double precision NOT NULL,
                "ladder_version" integer NOT NULL,
                "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL,
                CONSTRAINT "PK_8a79bece075d2eb142670d93271" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE INDEX "tier_changes_business_at" ON "tier_changes" ("business_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE INDEX "tier_changes_customer_at" ON "tier_changes" ("customer_id", "occurred_at")
        `);
    await queryRunner.query(`
            CREATE TABLE "tiers" (
                "id" uuid NOT NULL DEFAULT gen_random_uuid(),
                "business_id" uuid NOT NULL,
                "name" text NOT NULL,
                "rank" integer NOT NULL,
                "entry_score" double precision NOT NULL,
                "retain_score" double precision NOT NULL,
                "capacity" integer,
                "member_count" integer NOT NULL DEFAULT '0',
                "quota_limit" integer,
                "quota_period" text,
                "grace_days" integer NOT NULL DEFAULT '0',
                "benefits" text,
                "archived_at" TIMESTAMP WITH TIME ZONE,
                CONSTRAINT "PK_908405492b9b2c2ae1cea1e1cc0" PRIMARY KEY ("id")
            )
        `);
    await queryRunner.query(`
            CREATE UNIQUE INDEX "tiers_business_rank_active" ON "tiers" ("business_id", "rank")
            WHERE archived_at IS NULL
        `);
    await queryRunner.query(`
            ALTER TABLE "api_keys"
            ADD CONSTRAINT "FK_b09e28e6ec04d278e1f56a5a9d1" FOREIGN KEY ("business_id") REFERENCES "businesses"("id") ON DELETE CASCADE ON UPDATE NO ACTION
        `);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
            ALTER TABLE "api_keys" DROP CONSTRAINT "FK_b09e28e6ec04d278e1f56a5a9d1"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."tiers_business_rank_active"
        `);
    await queryRunner.query(`
            DROP TABLE "tiers"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."tier_changes_customer_at"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."tier_changes_business_at"
        `);
    await queryRunner.query(`
            DROP TABLE "tier_changes"
        `);
    await queryRunner.query(`
            DROP TABLE "tier_admissions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."redemptions_idempotency"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."redemptions_campaign_customer"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."redemptions_campaign_period"
        `);
    await queryRunner.query(`
            DROP TABLE "redemptions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."outbox_unpublished"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_cc0c9e40998e45ecfc5e313429"
        `);
    await queryRunner.query(`
            DROP TABLE "outbox"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."interactions_customer_occurred"
        `);
    await queryRunner.query(`
            DROP TABLE "interactions"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."customers_business_external_ref"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."customers_business_score"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."customers_business_tier"
        `);
    await queryRunner.query(`
            DROP TABLE "customers"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."campaigns_business_status"
        `);
    await queryRunner.query(`
            DROP TABLE "campaigns"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."audit_log_business_at"
        `);
    await queryRunner.query(`
            DROP TABLE "audit_log"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_02b6665bcbf8e1f200d41d3bcf"
        `);
    await queryRunner.query(`
            DROP INDEX "public"."IDX_b09e28e6ec04d278e1f56a5a9d"
        `);
    await queryRunner.query(`
            DROP TABLE "api_keys"
        `);
    await queryRunner.query(`
            DROP TABLE "businesses"
        `);
  }
}
