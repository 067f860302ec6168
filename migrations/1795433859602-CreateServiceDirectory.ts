import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateServiceDirectory1795433859602 implements MigrationInterface {
  name = 'CreateServiceDirectory1795433859602';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);
    await queryRunner.query(
      `CREATE TYPE "public"."location_type" AS ENUM('physical', 'postal', 'virtual')`,
    );
    await queryRunner.query(
      `CREATE TABLE "locations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "location_type" "public"."location_type" NOT NULL DEFAULT 'physical', "name" character varying(300), "alternate_name" character varying(300), "description" text, "transportation" text, "url" character varying(2000), "latitude" double precision, "longitude" double precision, "external_identifier" character varying(200), "external_identifier_type" character varying(100), "area_code" character varying(40), "hsds_extra" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_7cc1c9e3853b94816c094825e74" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_locations_organisation_id" ON "locations"  ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_locations_area_code" ON "locations"  ("area_code") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."address_type" AS ENUM('physical', 'postal', 'virtual')`,
    );
    await queryRunner.query(
      `CREATE TABLE "addresses" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "location_id" uuid NOT NULL, "attention" character varying(300), "address_1" character varying(300) NOT NULL, "address_2" character varying(300), "city" character varying(200) NOT NULL, "region" character varying(200), "state_province" character varying(200) NOT NULL, "postal_code" character varying(20) NOT NULL, "country" character varying(2) NOT NULL, "address_type" "public"."address_type" NOT NULL DEFAULT 'physical', CONSTRAINT "PK_745d8f43d3af10ab8247465e450" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_addresses_location_id" ON "addresses"  ("location_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "taxonomies" ("id" uuid NOT NULL, "name" character varying(300) NOT NULL, "description" text NOT NULL DEFAULT '', "uri" character varying(2000), "version" character varying(60), CONSTRAINT "PK_f8c39bce97175559a2223be37f6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "taxonomy_terms" ("id" uuid NOT NULL, "taxonomy_id" uuid, "code" character varying(300), "name" character varying(300) NOT NULL, "description" text NOT NULL DEFAULT '', "parent_id" uuid, "taxonomy_name" character varying(300), "term_uri" character varying(2000), "language" character varying(60), CONSTRAINT "PK_5663e6a952e6db3aa8194731960" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_taxonomy_terms_taxonomy_id" ON "taxonomy_terms"  ("taxonomy_id") `,
    );
    await queryRunner.query(
      `CREATE TYPE "public"."service_status" AS ENUM('active', 'inactive', 'defunct', 'temporarily closed')`,
    );
    await queryRunner.query(
      `CREATE TABLE "services" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "receiving_organisation_id" uuid NOT NULL, "name" character varying(300) NOT NULL, "alternate_name" character varying(300), "description" text NOT NULL DEFAULT '', "url" character varying(2000), "email" character varying(254), "status" "public"."service_status" NOT NULL DEFAULT 'active', "interpretation_services" text, "application_process" text, "fees_description" text, "accreditations" text, "eligibility_description" text, "minimum_age" integer, "maximum_age" integer, "alert" text, "assured_date" date, "assurer_email" character varying(254), "accepting_referrals" boolean NOT NULL DEFAULT true, "response_target_hours" integer, "capacity_available" integer, "capacity_maximum" integer, "hsds_extra" jsonb, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "CHK_services_capacity" CHECK (capacity_available IS NULL OR capacity_maximum IS NULL OR capacity_available <= capacity_maximum), CONSTRAINT "CHK_services_ages" CHECK (minimum_age IS NULL OR maximum_age IS NULL OR minimum_age <= maximum_age), CONSTRAINT "PK_ba2d347a3168a296416c6c5ccb2" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_services_organisation_id" ON "services"  ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_services_receiving_organisation_id" ON "services"  ("receiving_organisation_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "service_needs" ("service_id" uuid NOT NULL, "need_code" character varying(60) NOT NULL, CONSTRAINT "PK_88f9aa9e5202861701099412cf1" PRIMARY KEY ("service_id", "need_code"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_service_needs_need_code_service_id" ON "service_needs"  ("need_code", "service_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "service_taxonomy_terms" ("service_id" uuid NOT NULL, "taxonomy_term_id" uuid NOT NULL, "attribute_id" uuid NOT NULL, CONSTRAINT "PK_e95cecc74dc5da8a4b9637c2281" PRIMARY KEY ("service_id", "taxonomy_term_id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_service_taxonomy_terms_term_id" ON "service_taxonomy_terms"  ("taxonomy_term_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "service_areas" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "service_id" uuid NOT NULL, "area_code" character varying(40), "name" text, "description" text, "extent" text, "extent_type" character varying(40), "uri" character varying(2000), CONSTRAINT "PK_cdda4e5b616d5be3c81d15fd756" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_service_areas_service_id" ON "service_areas"  ("service_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_service_areas_area_code_service_id" ON "service_areas"  ("area_code", "service_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "service_at_locations" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "service_id" uuid NOT NULL, "location_id" uuid NOT NULL, "description" text, CONSTRAINT "PK_af5da186c56f74cadf59d01f415" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_service_at_locations_location_id" ON "service_at_locations"  ("location_id") `,
    );
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_service_at_locations_service_location" ON "service_at_locations"  ("service_id", "location_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "contacts" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "service_id" uuid, "organisation_id" uuid, "location_id" uuid, "service_at_location_id" uuid, "name" character varying(200), "title" character varying(200), "department" character varying(200), "email" character varying(254), CONSTRAINT "CHK_contacts_one_owner" CHECK (num_nonnulls(service_id, organisation_id, location_id, service_at_location_id) = 1), CONSTRAINT "PK_b99cd40cfd66a99f1571f4f72e6" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_contacts_service_id" ON "contacts"  ("service_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_contacts_organisation_id" ON "contacts"  ("organisation_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_contacts_location_id" ON "contacts"  ("location_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_contacts_service_at_location_id" ON "contacts"  ("service_at_location_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "phones" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "service_id" uuid, "organisation_id" uuid, "location_id" uuid, "contact_id" uuid, "service_at_location_id" uuid, "number" character varying(50) NOT NULL, "extension" integer, "type" character varying(20), "description" text, "languages" jsonb, CONSTRAINT "CHK_phones_one_owner" CHECK (num_nonnulls(service_id, organisation_id, location_id, contact_id, service_at_location_id) = 1), CONSTRAINT "PK_30d7fc09a458d7a4d9471bda554" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_phones_service_id" ON "phones"  ("service_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_phones_organisation_id" ON "phones"  ("organisation_id") `,
    );
    await queryRunner.query(`CREATE INDEX "IDX_phones_location_id" ON "phones"  ("location_id") `);
    await queryRunner.query(`CREATE INDEX "IDX_phones_contact_id" ON "phones"  ("contact_id") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_phones_service_at_location_id" ON "phones"  ("service_at_location_id") `,
    );
    await queryRunner.query(
      `CREATE TABLE "schedules" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "service_id" uuid, "location_id" uuid, "service_at_location_id" uuid, "valid_from" date, "valid_to" date, "dtstart" date, "timezone" integer, "until" date, "count" integer, "wkst" character varying(2), "freq" character varying(10), "interval" integer, "byday" character varying(40), "byweekno" character varying(200), "bymonthday" character varying(200), "byyearday" character varying(400), "description" text, "opens_at" TIME, "closes_at" TIME, "schedule_link" character varying(2000), "attending_type" text, "notes" text, CONSTRAINT "CHK_schedules_one_owner" CHECK (num_nonnulls(service_id, location_id, service_at_location_id) = 1), CONSTRAINT "PK_7e33fc2ea755a5765e3564e66dd" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_schedules_service_id" ON "schedules"  ("service_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_schedules_location_id" ON "schedules"  ("location_id") `,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_schedules_service_at_location_id" ON "schedules"  ("service_at_location_id") `,
    );
    await queryRunner.query(
      `ALTER TABLE "organisations" ADD "description" text NOT NULL DEFAULT ''`,
    );
    await queryRunner.query(`ALTER TABLE "organisations" ADD "email" character varying(254)`);
    await queryRunner.query(`ALTER TABLE "organisations" ADD "website" character varying(2000)`);
    await queryRunner.query(`ALTER TABLE "organisations" ADD "hsds_extra" jsonb`);
    await queryRunner.query(
      `ALTER TABLE "locations" ADD CONSTRAINT "FK_locations_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "locations" ADD CONSTRAINT "FK_locations_area" FOREIGN KEY ("area_code") REFERENCES "areas"("code") ON DELETE SET NULL ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "addresses" ADD CONSTRAINT "FK_addresses_location" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "taxonomy_terms" ADD CONSTRAINT "FK_taxonomy_terms_taxonomy" FOREIGN KEY ("taxonomy_id") REFERENCES "taxonomies"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "services" ADD CONSTRAINT "FK_services_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "services" ADD CONSTRAINT "FK_services_receiving_organisation" FOREIGN KEY ("receiving_organisation_id") REFERENCES "organisations"("id") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_needs" ADD CONSTRAINT "FK_service_needs_service" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_needs" ADD CONSTRAINT "FK_service_needs_need_term" FOREIGN KEY ("need_code") REFERENCES "need_terms"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_taxonomy_terms" ADD CONSTRAINT "FK_service_taxonomy_terms_service" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_taxonomy_terms" ADD CONSTRAINT "FK_service_taxonomy_terms_term" FOREIGN KEY ("taxonomy_term_id") REFERENCES "taxonomy_terms"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_areas" ADD CONSTRAINT "FK_service_areas_service" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_areas" ADD CONSTRAINT "FK_service_areas_area" FOREIGN KEY ("area_code") REFERENCES "areas"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_at_locations" ADD CONSTRAINT "FK_service_at_locations_service" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_at_locations" ADD CONSTRAINT "FK_service_at_locations_location" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contacts" ADD CONSTRAINT "FK_contacts_service" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contacts" ADD CONSTRAINT "FK_contacts_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contacts" ADD CONSTRAINT "FK_contacts_location" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "contacts" ADD CONSTRAINT "FK_contacts_service_at_location" FOREIGN KEY ("service_at_location_id") REFERENCES "service_at_locations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "phones" ADD CONSTRAINT "FK_phones_service" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "phones" ADD CONSTRAINT "FK_phones_organisation" FOREIGN KEY ("organisation_id") REFERENCES "organisations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "phones" ADD CONSTRAINT "FK_phones_location" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "phones" ADD CONSTRAINT "FK_phones_contact" FOREIGN KEY ("contact_id") REFERENCES "contacts"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "phones" ADD CONSTRAINT "FK_phones_service_at_location" FOREIGN KEY ("service_at_location_id") REFERENCES "service_at_locations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "schedules" ADD CONSTRAINT "FK_schedules_service" FOREIGN KEY ("service_id") REFERENCES "services"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "schedules" ADD CONSTRAINT "FK_schedules_location" FOREIGN KEY ("location_id") REFERENCES "locations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "schedules" ADD CONSTRAINT "FK_schedules_service_at_location" FOREIGN KEY ("service_at_location_id") REFERENCES "service_at_locations"("id") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    // Search (services/service-search.ts): full text and trigram over name and description.
    await queryRunner.query(
      `CREATE INDEX "IDX_services_search_fts" ON "services" USING gin (to_tsvector('english'::regconfig, (name::text || ' ' || description)))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_services_search_trgm" ON "services" USING gin ((name::text || ' ' || description) gin_trgm_ops)`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_services_search_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_services_search_fts"`);
    await queryRunner.query(
      `ALTER TABLE "schedules" DROP CONSTRAINT "FK_schedules_service_at_location"`,
    );
    await queryRunner.query(`ALTER TABLE "schedules" DROP CONSTRAINT "FK_schedules_location"`);
    await queryRunner.query(`ALTER TABLE "schedules" DROP CONSTRAINT "FK_schedules_service"`);
    await queryRunner.query(`ALTER TABLE "phones" DROP CONSTRAINT "FK_phones_service_at_location"`);
    await queryRunner.query(`ALTER TABLE "phones" DROP CONSTRAINT "FK_phones_contact"`);
    await queryRunner.query(`ALTER TABLE "phones" DROP CONSTRAINT "FK_phones_location"`);
    await queryRunner.query(`ALTER TABLE "phones" DROP CONSTRAINT "FK_phones_organisation"`);
    await queryRunner.query(`ALTER TABLE "phones" DROP CONSTRAINT "FK_phones_service"`);
    await queryRunner.query(
      `ALTER TABLE "contacts" DROP CONSTRAINT "FK_contacts_service_at_location"`,
    );
    await queryRunner.query(`ALTER TABLE "contacts" DROP CONSTRAINT "FK_contacts_location"`);
    await queryRunner.query(`ALTER TABLE "contacts" DROP CONSTRAINT "FK_contacts_organisation"`);
    await queryRunner.query(`ALTER TABLE "contacts" DROP CONSTRAINT "FK_contacts_service"`);
    await queryRunner.query(
      `ALTER TABLE "service_at_locations" DROP CONSTRAINT "FK_service_at_locations_location"`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_at_locations" DROP CONSTRAINT "FK_service_at_locations_service"`,
    );
    await queryRunner.query(`ALTER TABLE "service_areas" DROP CONSTRAINT "FK_service_areas_area"`);
    await queryRunner.query(
      `ALTER TABLE "service_areas" DROP CONSTRAINT "FK_service_areas_service"`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_taxonomy_terms" DROP CONSTRAINT "FK_service_taxonomy_terms_term"`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_taxonomy_terms" DROP CONSTRAINT "FK_service_taxonomy_terms_service"`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_needs" DROP CONSTRAINT "FK_service_needs_need_term"`,
    );
    await queryRunner.query(
      `ALTER TABLE "service_needs" DROP CONSTRAINT "FK_service_needs_service"`,
    );
    await queryRunner.query(
      `ALTER TABLE "services" DROP CONSTRAINT "FK_services_receiving_organisation"`,
    );
    await queryRunner.query(`ALTER TABLE "services" DROP CONSTRAINT "FK_services_organisation"`);
    await queryRunner.query(
      `ALTER TABLE "taxonomy_terms" DROP CONSTRAINT "FK_taxonomy_terms_taxonomy"`,
    );
    await queryRunner.query(`ALTER TABLE "addresses" DROP CONSTRAINT "FK_addresses_location"`);
    await queryRunner.query(`ALTER TABLE "locations" DROP CONSTRAINT "FK_locations_area"`);
    await queryRunner.query(`ALTER TABLE "locations" DROP CONSTRAINT "FK_locations_organisation"`);
    await queryRunner.query(`ALTER TABLE "organisations" DROP COLUMN "hsds_extra"`);
    await queryRunner.query(`ALTER TABLE "organisations" DROP COLUMN "website"`);
    await queryRunner.query(`ALTER TABLE "organisations" DROP COLUMN "email"`);
    await queryRunner.query(`ALTER TABLE "organisations" DROP COLUMN "description"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_schedules_service_at_location_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_schedules_location_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_schedules_service_id"`);
    await queryRunner.query(`DROP TABLE "schedules"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_phones_service_at_location_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_phones_contact_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_phones_location_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_phones_organisation_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_phones_service_id"`);
    await queryRunner.query(`DROP TABLE "phones"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_contacts_service_at_location_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_contacts_location_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_contacts_organisation_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_contacts_service_id"`);
    await queryRunner.query(`DROP TABLE "contacts"`);
    await queryRunner.query(`DROP INDEX "public"."UQ_service_at_locations_service_location"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_service_at_locations_location_id"`);
    await queryRunner.query(`DROP TABLE "service_at_locations"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_service_areas_area_code_service_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_service_areas_service_id"`);
    await queryRunner.query(`DROP TABLE "service_areas"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_service_taxonomy_terms_term_id"`);
    await queryRunner.query(`DROP TABLE "service_taxonomy_terms"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_service_needs_need_code_service_id"`);
    await queryRunner.query(`DROP TABLE "service_needs"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_services_receiving_organisation_id"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_services_organisation_id"`);
    await queryRunner.query(`DROP TABLE "services"`);
    await queryRunner.query(`DROP TYPE "public"."service_status"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_taxonomy_terms_taxonomy_id"`);
    await queryRunner.query(`DROP TABLE "taxonomy_terms"`);
    await queryRunner.query(`DROP TABLE "taxonomies"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_addresses_location_id"`);
    await queryRunner.query(`DROP TABLE "addresses"`);
    await queryRunner.query(`DROP TYPE "public"."address_type"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_locations_area_code"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_locations_organisation_id"`);
    await queryRunner.query(`DROP TABLE "locations"`);
    await queryRunner.query(`DROP TYPE "public"."location_type"`);
    await queryRunner.query(`DROP EXTENSION IF EXISTS pg_trgm`);
  }
}
