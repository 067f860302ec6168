import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateReferrals1795443820172 implements MigrationInterface {
  name = 'CreateReferrals1795443820172';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "cases" ADD "close_open_referrals_reason" text`);
    await queryRunner.query(
      `CREATE TYPE "public"."referral_status" AS ENUM('sent', 'accepted', 'declined', 'in_progress', 'on_hold', 'completed', 'withdrawn')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."referral_decline_reason" AS ENUM('not_eligible', 'no_capacity', 'outside_area', 'person_declined', 'duplicate', 'other')`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."referral_outcome" AS ENUM('need_met', 'partly_met', 'not_met', 'person_declined', 'unable_to_contact')`,
    );
    await queryRunner.query(
      `CREATE TABLE "referrals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "person_id" uuid NOT NULL, "service_id" uuid NOT NULL, "organisation_id" uuid NOT NULL, "status" "public"."referral_status" NOT NULL DEFAULT 'sent', "held_from" "public"."referral_status", "reason" text NOT NULL, "shared_fields" text array NOT NULL, "snapshot" jsonb NOT NULL, "priority" "public"."case_priority", "urgent" boolean NOT NULL DEFAULT false, "safeguarding" boolean NOT NULL DEFAULT false, "area_code" character varying(40), "out_of_area_reason" text, "consent_id" uuid, "consent_override_reason" text, "consent_override_by" uuid, "replaces_referral_id" uuid, "sent_by" uuid NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "overdue_at" TIMESTAMP WITH TIME ZONE, "viewed_at" TIMESTAMP WITH TIME ZONE, "viewed_by" uuid, "answered_at" TIMESTAMP WITH TIME ZONE, "decline_reason" "public"."referral_decline_reason", "outcome" "public"."referral_outcome", "closed_at" TIMESTAMP WITH TIME ZONE, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "CHK_referrals_held_from" CHECK ((status = 'on_hold') = (held_from IS NOT NULL)), CONSTRAINT "PK_ea9980e34f738b6252817326c08" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_referrals_person_id" ON "referrals"  ("person_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_referrals_service_id" ON "referrals"  ("service_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_referrals_replaces" ON "referrals"  ("replaces_referral_id") WHERE replaces_referral_id IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_referrals_awaiting_due" ON "referrals"  ("due_at") WHERE status = 'sent' AND overdue_at IS NULL`,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_referrals_open_per_service" ON "referrals"  ("case_id", "service_id") WHERE status IN ('sent', 'accepted', 'in_progress', 'on_hold')`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_referrals_case_id" ON "referrals"  ("case_id", "sent_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_referrals_inbox" ON "referrals"  ("organisation_id", "status", "sent_at", "id", "overdue_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "referral_history" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "referral_id" uuid NOT NULL, "action" character varying(20) NOT NULL, "from_status" "public"."referral_status", "to_status" "public"."referral_status" NOT NULL, "code" character varying(40), "notes" text, "actor_user_id" uuid, "at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT clock_timestamp(), CONSTRAINT "PK_a09e5fca033f189bd757a535e9f" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_referral_history_referral_id" ON "referral_history"  ("referral_id", "at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "referral_messages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "referral_id" uuid NOT NULL, "author_user_id" uuid NOT NULL, "side" character varying(20) NOT NULL, "body" text NOT NULL, "sent_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_daf4d5cff5b08da926992f2acf8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_referral_messages_referral_id" ON "referral_messages"  ("referral_id", "sent_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "consent_override_approvals" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "service_id" uuid NOT NULL, "reason" text NOT NULL, "approved_by" uuid NOT NULL, "approved_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "used_by_referral_id" uuid, CONSTRAINT "PK_9afa79400aaa90faf8a72921f42" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_consent_override_approvals_case_id" ON "consent_override_approvals"  ("case_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_consent_override_approvals_used" ON "consent_override_approvals"  ("used_by_referral_id") WHERE used_by_referral_id IS NOT NULL`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "FK_referrals_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "FK_referrals_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "FK_referrals_service" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "FK_referrals_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "FK_referrals_area" FOREIGN KEY ("area_code") REFERENCES "areas"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "FK_referrals_consent" FOREIGN KEY ("consent_id") REFERENCES "consents"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "FK_referrals_consent_override_by" FOREIGN KEY ("consent_override_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "FK_referrals_replaces" FOREIGN KEY ("replaces_referral_id") REFERENCES "referrals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "FK_referrals_sent_by" FOREIGN KEY ("sent_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referrals" ADD CONSTRAINT "FK_referrals_viewed_by" FOREIGN KEY ("viewed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_history" ADD CONSTRAINT "FK_referral_history_referral" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_history" ADD CONSTRAINT "FK_referral_history_actor" FOREIGN KEY ("actor_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_messages" ADD CONSTRAINT "FK_referral_messages_referral" FOREIGN KEY ("referral_id") REFERENCES "referrals"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_messages" ADD CONSTRAINT "FK_referral_messages_author" FOREIGN KEY ("author_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent_override_approvals" ADD CONSTRAINT "FK_consent_override_approvals_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent_override_approvals" ADD CONSTRAINT "FK_consent_override_approvals_service" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent_override_approvals" ADD CONSTRAINT "FK_consent_override_approvals_approved_by" FOREIGN KEY ("approved_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent_override_approvals" ADD CONSTRAINT "FK_consent_override_approvals_referral" FOREIGN KEY ("used_by_referral_id") REFERENCES "referrals"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `ALTER TABLE "consent_override_approvals" DROP CONSTRAINT "FK_consent_override_approvals_referral"`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent_override_approvals" DROP CONSTRAINT "FK_consent_override_approvals_approved_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent_override_approvals" DROP CONSTRAINT "FK_consent_override_approvals_service"`,
    );
    await queryRunner.query(
      `ALTER TABLE "consent_override_approvals" DROP CONSTRAINT "FK_consent_override_approvals_case"`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_messages" DROP CONSTRAINT "FK_referral_messages_author"`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_messages" DROP CONSTRAINT "FK_referral_messages_referral"`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_history" DROP CONSTRAINT "FK_referral_history_actor"`,
    );
    await queryRunner.query(
      `ALTER TABLE "referral_history" DROP CONSTRAINT "FK_referral_history_referral"`,
    );
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_referrals_viewed_by"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_referrals_sent_by"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_referrals_replaces"`);
    await queryRunner.query(
      `ALTER TABLE "referrals" DROP CONSTRAINT "FK_referrals_consent_override_by"`,
    );
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_referrals_consent"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_referrals_area"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_referrals_organisation"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_referrals_service"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_referrals_person"`);
    await queryRunner.query(`ALTER TABLE "referrals" DROP CONSTRAINT "FK_referrals_case"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_consent_override_approvals_used"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_consent_override_approvals_case_id"`);
    await queryRunner.query(`DROP TABLE "consent_override_approvals"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_referral_messages_referral_id"`);
    await queryRunner.query(`DROP TABLE "referral_messages"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_referral_history_referral_id"`);
    await queryRunner.query(`DROP TABLE "referral_history"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_referrals_inbox"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_referrals_case_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_referrals_open_per_service"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_referrals_awaiting_due"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_referrals_replaces"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_referrals_service_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_referrals_person_id"`);
    await queryRunner.query(`DROP TABLE "referrals"`);
    await queryRunner.query(`DROP TYPE "public"."referral_outcome"`);
    await queryRunner.query(`DROP TYPE "public"."referral_decline_reason"`);
    await queryRunner.query(`DROP TYPE "public"."referral_status"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP COLUMN "close_open_referrals_reason"`);
  }
}
