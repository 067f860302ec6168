import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateFoundation1795427251556 implements MigrationInterface {
  name = 'CreateFoundation1795427251556';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "audit_log" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "occurred_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "actor_user_id" uuid, "actor_organisation_id" uuid, "actor_role" character varying(20), "action" character varying(60) NOT NULL, "entity_type" character varying(40) NOT NULL, "entity_id" character varying(64), "correlation_id" character varying(64), "details" jsonb NOT NULL, CONSTRAINT "PK_07fefa57f7f5ab8fc3f52b3ed0b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_occurred_at" ON "audit_log"  ("occurred_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_actor" ON "audit_log"  ("actor_user_id", "occurred_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_log_entity" ON "audit_log"  ("entity_type", "entity_id") `,
    );
    // The audit trail is append-only: the database refuses to change or remove its rows.
    await queryRunner.query(`CREATE FUNCTION "audit_log_refuse_change"() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_log is append-only: % is not allowed', TG_OP USING ERRCODE = 'insufficient_privilege';
      END
    $$`);
    await queryRunner.query(
      `CREATE TRIGGER "audit_log_no_update_or_delete" BEFORE UPDATE OR DELETE ON "audit_log" FOR EACH ROW EXECUTE FUNCTION "audit_log_refuse_change"()`,
    );
    await queryRunner.query(
      `CREATE TRIGGER "audit_log_no_truncate" BEFORE TRUNCATE ON "audit_log" FOR EACH STATEMENT EXECUTE FUNCTION "audit_log_refuse_change"()`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."organisation_kind" AS ENUM('front_door', 'partner')`,
    );
    await queryRunner.query(
      `CREATE TABLE "organisations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" character varying(200) NOT NULL, "kind" "public"."organisation_kind" NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_7bf54cba378d5b2f1d4c10ef4df" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_organisations_name" ON "organisations"  ("name") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_organisations_one_front_door" ON "organisations"  ("kind") WHERE kind = 'front_door'`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."user_role" AS ENUM('admin', 'team_lead', 'call_handler', 'caseworker', 'partner')`,
    );
    await queryRunner.query(
      `CREATE TABLE "users" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "email" character varying(254) NOT NULL, "name" character varying(200) NOT NULL, "password_hash" character varying(200) NOT NULL, "role" "public"."user_role" NOT NULL, "organisation_id" uuid NOT NULL, "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_a3ffb1c0c8416b9fc6f907b7433" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "UQ_users_email" ON "users"  ("email") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_users_organisation_id" ON "users"  ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "auth_sessions" ("id" uuid NOT NULL, "user_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "revoked_at" TIMESTAMP WITH TIME ZONE, "revoked_reason" character varying(40), CONSTRAINT "PK_641507381f32580e8479efc36cd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_auth_sessions_user_id" ON "auth_sessions"  ("user_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "auth_refresh_tokens" ("token_hash" character varying(64) NOT NULL, "session_id" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "used_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "PK_95e0bce05491b0dee2f28ffd112" PRIMARY KEY ("token_hash"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_auth_refresh_tokens_session_id" ON "auth_refresh_tokens"  ("session_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "auth_login_failures" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "key_hash" character varying(64) NOT NULL, "failed_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_183c88a11dc113960eab1e01660" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_auth_login_failures_key_at" ON "auth_login_failures"  ("key_hash", "failed_at") `,
    );
    await queryRunner.query(
      `ALTER TABLE "users" ADD CONSTRAINT "FK_users_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_sessions" ADD CONSTRAINT "FK_auth_sessions_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "auth_refresh_tokens" ADD CONSTRAINT "FK_auth_refresh_tokens_session" FOREIGN KEY ("session_id") REFERENCES "auth_sessions"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "auth_refresh_tokens" DROP CONSTRAINT "FK_auth_refresh_tokens_session"`,
    );
    await queryRunner.query(`ALTER TABLE "auth_sessions" DROP CONSTRAINT "FK_auth_sessions_user"`);
    await queryRunner.query(`ALTER TABLE "users" DROP CONSTRAINT "FK_users_organisation"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_auth_login_failures_key_at"`);
    await queryRunner.query(`DROP TABLE "auth_login_failures"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_auth_refresh_tokens_session_id"`);
    await queryRunner.query(`DROP TABLE "auth_refresh_tokens"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_auth_sessions_user_id"`);
    await queryRunner.query(`DROP TABLE "auth_sessions"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_users_organisation_id"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_users_email"`);
    await queryRunner.query(`DROP TABLE "users"`);
    await queryRunner.query(`DROP TYPE "public"."user_role"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_organisations_one_front_door"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_organisations_name"`);
    await queryRunner.query(`DROP TABLE "organisations"`);
    await queryRunner.query(`DROP TYPE "public"."organisation_kind"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_log_entity"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_log_actor"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_audit_log_occurred_at"`);
    await queryRunner.query(`DROP TABLE "audit_log"`);
    await queryRunner.query(`DROP FUNCTION "audit_log_refuse_change"()`);
  }
}
