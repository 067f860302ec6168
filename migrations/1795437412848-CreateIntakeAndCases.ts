import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * People (with equality monitoring kept apart), consent, contacts, cases with their triages,
 * signposts, assignments, notes and outcome measures; idempotency keys; the event log; each
 * worker's caseload limit. Two indexes TypeORM cannot describe are written by hand at the end of
 * `up`: the trigram index on people's names (duplicate detection) and the GIN index on the
 * cases' need codes (the queue's need filter).
 */
export class CreateIntakeAndCases1795437412848 implements MigrationInterface {
  name = 'CreateIntakeAndCases1795437412848';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "people" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "first_name" character varying(100) NOT NULL, "last_name" character varying(100) NOT NULL, "preferred_name" character varying(100), "date_of_birth" date, "phone" character varying(30), "phone_normalised" character varying(20), "email" character varying(254), "address" character varying(500), "postcode" character varying(8), "area_code" character varying(40), "language" character varying(50), "communication_needs" character varying(1000), "flags" text array NOT NULL DEFAULT '{}', "created_by" uuid NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_aa866e71353ee94c6cc51059c5b" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_people_date_of_birth" ON "people"  ("date_of_birth") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_people_phone_normalised" ON "people"  ("phone_normalised") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_people_postcode" ON "people"  ("postcode") `);
    await queryRunner.query(
      `CREATE TABLE "person_equality" ("person_id" uuid NOT NULL, "age_band" character varying(40), "sex" character varying(60), "gender_identity" character varying(60), "ethnicity" character varying(80), "disability" character varying(60), "religion" character varying(60), "sexual_orientation" character varying(60), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_bf7ce50081fc3e9a7d1d05253b7" PRIMARY KEY ("person_id"))`,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."case_status" AS ENUM('new', 'triaged', 'active', 'closed')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."case_priority" AS ENUM('P1', 'P2', 'P3', 'P4')`);
    await queryRunner.query(
      `CREATE TYPE "public"."case_close_reason" AS ENUM('support_complete', 'signposted', 'referred_on', 'no_further_action', 'person_declined', 'unable_to_contact', 'moved_away', 'duplicate', 'other')`,
    );
    await queryRunner.query(
      `CREATE TABLE "cases" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "status" "public"."case_status" NOT NULL DEFAULT 'new', "priority" "public"."case_priority", "due_at" TIMESTAMP WITH TIME ZONE, "owner_user_id" uuid, "area_code" character varying(40), "needs" jsonb NOT NULL DEFAULT '[]', "need_codes" text array NOT NULL DEFAULT '{}', "risks" text array NOT NULL DEFAULT '{}', "safeguarding" boolean NOT NULL DEFAULT false, "opened_by" uuid NOT NULL, "opened_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "triaged_at" TIMESTAMP WITH TIME ZONE, "closed_at" TIMESTAMP WITH TIME ZONE, "close_reason" "public"."case_close_reason", "close_notes" text, "closed_by" uuid, "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_264acb3048c240fb89aa34626db" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_cases_person_id" ON "cases"  ("person_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_cases_owner_open" ON "cases"  ("owner_user_id", "status") WHERE status <> 'closed'`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cases_queue" ON "cases"  ("status", "priority", "due_at", "id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_assignments" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "from_user_id" uuid, "to_user_id" uuid NOT NULL, "assigned_by" uuid NOT NULL, "assigned_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "override_reason" text, CONSTRAINT "PK_87ea587a5ab124bd964c8db5ff7" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_case_assignments_case_id" ON "case_assignments"  ("case_id", "assigned_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "case_notes" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "body" text NOT NULL, "written_by" uuid NOT NULL, "written_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_474011f166285b8da9a653af5c5" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_case_notes_case_id" ON "case_notes"  ("case_id", "written_at") `,
    );
    await queryRunner.query(`CREATE TYPE "public"."measure_stage" AS ENUM('baseline', 'followup')`);
    await queryRunner.query(
      `CREATE TABLE "outcome_measures" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "measure" character varying(40) NOT NULL, "stage" "public"."measure_stage" NOT NULL, "score" integer NOT NULL, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_fe0031f37f50292db0d7ac496a9" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_outcome_measures_case_id" ON "outcome_measures"  ("case_id", "measure", "recorded_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "idempotency_keys" ("user_id" uuid NOT NULL, "key" character varying(200) NOT NULL, "route" character varying(200) NOT NULL, "request_hash" character(64) NOT NULL, "response_status" smallint NOT NULL, "response_body" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_392b1af86f210d98d3f0c764728" PRIMARY KEY ("user_id", "key"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_idempotency_keys_created_at" ON "idempotency_keys"  ("created_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."consent_scope" AS ENUM('all_partners', 'named_organisations')`,
    );
    await queryRunner.query(`CREATE TYPE "public"."consent_method" AS ENUM('verbal', 'written')`);
    await queryRunner.query(
      `CREATE TABLE "consents" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "given" boolean NOT NULL, "scope" "public"."consent_scope" NOT NULL, "organisation_ids" uuid array NOT NULL DEFAULT '{}', "method" "public"."consent_method" NOT NULL, "wording_version" character varying(40) NOT NULL, "recorded_by" uuid NOT NULL, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, "expires_at" TIMESTAMP WITH TIME ZONE NOT NULL, "withdrawn_at" TIMESTAMP WITH TIME ZONE, "withdrawn_by" uuid, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "CHK_consents_scope" CHECK (scope <> 'named_organisations' OR cardinality(organisation_ids) > 0), CONSTRAINT "PK_9efc68eb6aba7d638fb6ea034dd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_consents_person_id" ON "consents"  ("person_id", "recorded_at") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."contact_channel" AS ENUM('phone', 'email', 'walk_in', 'web_form', 'professional_referral')`,
    );
    await queryRunner.query(
      `CREATE TABLE "intake_contacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "person_id" uuid NOT NULL, "case_id" uuid NOT NULL, "channel" "public"."contact_channel" NOT NULL, "caller_name" character varying(200), "caller_relationship" character varying(100), "caller_organisation" character varying(200), "reason" character varying(500) NOT NULL, "notes" text, "handler_user_id" uuid NOT NULL, "started_at" TIMESTAMP WITH TIME ZONE NOT NULL, "ended_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_dc717ddbe52045b172b970b2520" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_intake_contacts_person_id" ON "intake_contacts"  ("person_id", "started_at") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_intake_contacts_case_id" ON "intake_contacts"  ("case_id", "started_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "events" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "type" character varying(60) NOT NULL, "entity_type" character varying(40) NOT NULL, "entity_id" uuid NOT NULL, "organisation_id" uuid, "data" jsonb NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_40731c7151fe4be3116e45ddf73" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_events_entity" ON "events"  ("entity_type", "entity_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "triages" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "needs" jsonb NOT NULL, "risks" text array NOT NULL DEFAULT '{}', "safeguarding" boolean NOT NULL, "notes" text, "priority" "public"."case_priority" NOT NULL, "due_at" TIMESTAMP WITH TIME ZONE NOT NULL, "rule" character varying(100) NOT NULL, "triaged_by" uuid NOT NULL, "triaged_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_9d9bf41142b9f10d656877220bf" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_triages_case_id" ON "triages"  ("case_id", "triaged_at") `,
    );
    await queryRunner.query(
      `CREATE TABLE "signposts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "case_id" uuid NOT NULL, "service_id" uuid NOT NULL, "notes" text, "given_by" uuid NOT NULL, "given_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "PK_c583b713b1cba44b28ee1d9bcf8" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_signposts_case_id" ON "signposts"  ("case_id", "given_at") `,
    );
    await queryRunner.query(`ALTER TABLE "users" ADD "caseload_limit" integer`);
    await queryRunner.query(
      `ALTER TABLE "people" ADD CONSTRAINT "FK_people_area" FOREIGN KEY ("area_code") REFERENCES "areas"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "people" ADD CONSTRAINT "FK_people_created_by" FOREIGN KEY ("created_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "person_equality" ADD CONSTRAINT "FK_person_equality_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "FK_cases_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "FK_cases_owner" FOREIGN KEY ("owner_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "FK_cases_area" FOREIGN KEY ("area_code") REFERENCES "areas"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "FK_cases_opened_by" FOREIGN KEY ("opened_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "cases" ADD CONSTRAINT "FK_cases_closed_by" FOREIGN KEY ("closed_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_assignments" ADD CONSTRAINT "FK_case_assignments_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_assignments" ADD CONSTRAINT "FK_case_assignments_from" FOREIGN KEY ("from_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_assignments" ADD CONSTRAINT "FK_case_assignments_to" FOREIGN KEY ("to_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_assignments" ADD CONSTRAINT "FK_case_assignments_by" FOREIGN KEY ("assigned_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_notes" ADD CONSTRAINT "FK_case_notes_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_notes" ADD CONSTRAINT "FK_case_notes_written_by" FOREIGN KEY ("written_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outcome_measures" ADD CONSTRAINT "FK_outcome_measures_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "outcome_measures" ADD CONSTRAINT "FK_outcome_measures_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" ADD CONSTRAINT "FK_idempotency_keys_user" FOREIGN KEY ("user_id") REFERENCES "users"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "FK_consents_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "FK_consents_recorded_by" FOREIGN KEY ("recorded_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "consents" ADD CONSTRAINT "FK_consents_withdrawn_by" FOREIGN KEY ("withdrawn_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "intake_contacts" ADD CONSTRAINT "FK_intake_contacts_person" FOREIGN KEY ("person_id") REFERENCES "people"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "intake_contacts" ADD CONSTRAINT "FK_intake_contacts_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "intake_contacts" ADD CONSTRAINT "FK_intake_contacts_handler" FOREIGN KEY ("handler_user_id") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "triages" ADD CONSTRAINT "FK_triages_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "triages" ADD CONSTRAINT "FK_triages_triaged_by" FOREIGN KEY ("triaged_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signposts" ADD CONSTRAINT "FK_signposts_case" FOREIGN KEY ("case_id") REFERENCES "cases"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signposts" ADD CONSTRAINT "FK_signposts_service" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "signposts" ADD CONSTRAINT "FK_signposts_given_by" FOREIGN KEY ("given_by") REFERENCES "users"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_people_name_trgm" ON "people" USING gin ((lower(first_name || ' ' || last_name)) gin_trgm_ops) WITH (fastupdate = off)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_cases_need_codes" ON "cases" USING gin ("need_codes") WITH (fastupdate = off)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_cases_need_codes"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_people_name_trgm"`);
    await queryRunner.query(`ALTER TABLE "signposts" DROP CONSTRAINT "FK_signposts_given_by"`);
    await queryRunner.query(`ALTER TABLE "signposts" DROP CONSTRAINT "FK_signposts_service"`);
    await queryRunner.query(`ALTER TABLE "signposts" DROP CONSTRAINT "FK_signposts_case"`);
    await queryRunner.query(`ALTER TABLE "triages" DROP CONSTRAINT "FK_triages_triaged_by"`);
    await queryRunner.query(`ALTER TABLE "triages" DROP CONSTRAINT "FK_triages_case"`);
    await queryRunner.query(
      `ALTER TABLE "intake_contacts" DROP CONSTRAINT "FK_intake_contacts_handler"`,
    );
    await queryRunner.query(
      `ALTER TABLE "intake_contacts" DROP CONSTRAINT "FK_intake_contacts_case"`,
    );
    await queryRunner.query(
      `ALTER TABLE "intake_contacts" DROP CONSTRAINT "FK_intake_contacts_person"`,
    );
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "FK_consents_withdrawn_by"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "FK_consents_recorded_by"`);
    await queryRunner.query(`ALTER TABLE "consents" DROP CONSTRAINT "FK_consents_person"`);
    await queryRunner.query(
      `ALTER TABLE "idempotency_keys" DROP CONSTRAINT "FK_idempotency_keys_user"`,
    );
    await queryRunner.query(
      `ALTER TABLE "outcome_measures" DROP CONSTRAINT "FK_outcome_measures_recorded_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "outcome_measures" DROP CONSTRAINT "FK_outcome_measures_case"`,
    );
    await queryRunner.query(`ALTER TABLE "case_notes" DROP CONSTRAINT "FK_case_notes_written_by"`);
    await queryRunner.query(`ALTER TABLE "case_notes" DROP CONSTRAINT "FK_case_notes_case"`);
    await queryRunner.query(
      `ALTER TABLE "case_assignments" DROP CONSTRAINT "FK_case_assignments_by"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_assignments" DROP CONSTRAINT "FK_case_assignments_to"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_assignments" DROP CONSTRAINT "FK_case_assignments_from"`,
    );
    await queryRunner.query(
      `ALTER TABLE "case_assignments" DROP CONSTRAINT "FK_case_assignments_case"`,
    );
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_cases_closed_by"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_cases_opened_by"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_cases_area"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_cases_owner"`);
    await queryRunner.query(`ALTER TABLE "cases" DROP CONSTRAINT "FK_cases_person"`);
    await queryRunner.query(
      `ALTER TABLE "person_equality" DROP CONSTRAINT "FK_person_equality_person"`,
    );
    await queryRunner.query(`ALTER TABLE "people" DROP CONSTRAINT "FK_people_created_by"`);
    await queryRunner.query(`ALTER TABLE "people" DROP CONSTRAINT "FK_people_area"`);
    await queryRunner.query(`ALTER TABLE "users" DROP COLUMN "caseload_limit"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_signposts_case_id"`);
    await queryRunner.query(`DROP TABLE "signposts"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_triages_case_id"`);
    await queryRunner.query(`DROP TABLE "triages"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_events_entity"`);
    await queryRunner.query(`DROP TABLE "events"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_intake_contacts_case_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_intake_contacts_person_id"`);
    await queryRunner.query(`DROP TABLE "intake_contacts"`);
    await queryRunner.query(`DROP TYPE "public"."contact_channel"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_consents_person_id"`);
    await queryRunner.query(`DROP TABLE "consents"`);
    await queryRunner.query(`DROP TYPE "public"."consent_method"`);
    await queryRunner.query(`DROP TYPE "public"."consent_scope"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_idempotency_keys_created_at"`);
    await queryRunner.query(`DROP TABLE "idempotency_keys"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_outcome_measures_case_id"`);
    await queryRunner.query(`DROP TABLE "outcome_measures"`);
    await queryRunner.query(`DROP TYPE "public"."measure_stage"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_case_notes_case_id"`);
    await queryRunner.query(`DROP TABLE "case_notes"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_case_assignments_case_id"`);
    await queryRunner.query(`DROP TABLE "case_assignments"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cases_queue"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cases_owner_open"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_cases_person_id"`);
    await queryRunner.query(`DROP TABLE "cases"`);
    await queryRunner.query(`DROP TYPE "public"."case_close_reason"`);
    await queryRunner.query(`DROP TYPE "public"."case_priority"`);
    await queryRunner.query(`DROP TYPE "public"."case_status"`);
    await queryRunner.query(`DROP TABLE "person_equality"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_people_postcode"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_people_phone_normalised"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_people_date_of_birth"`);
    await queryRunner.query(`DROP TABLE "people"`);
  }
}
