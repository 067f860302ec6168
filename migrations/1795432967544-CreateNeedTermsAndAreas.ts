import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateNeedTermsAndAreas1795432967544 implements MigrationInterface {
  name = 'CreateNeedTermsAndAreas1795432967544';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TYPE "public"."area_kind" AS ENUM('district', 'service_delivery_area', 'ward')`,
    );
    await queryRunner.query(
      `CREATE TABLE "areas" ("code" character varying(40) NOT NULL, "name" character varying(120) NOT NULL, "kind" "public"."area_kind" NOT NULL, "parent_code" character varying(40), CONSTRAINT "PK_1ce4e4f7cd8d820081bc74aa16c" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(`CREATE INDEX "IDX_areas_parent_code" ON "areas"  ("parent_code") `);
    await queryRunner.query(
      `CREATE TABLE "area_postcode_sectors" ("sector" character varying(8) NOT NULL, "area_code" character varying(40) NOT NULL, CONSTRAINT "PK_1bf521cc2d207623cd86b395ce7" PRIMARY KEY ("sector"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_area_postcode_sectors_area_code" ON "area_postcode_sectors"  ("area_code") `,
    );
    await queryRunner.query(
      `CREATE TABLE "need_terms" ("code" character varying(60) NOT NULL, "label" character varying(120) NOT NULL, "parent_code" character varying(60), "active" boolean NOT NULL DEFAULT true, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "updated_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), "version" integer NOT NULL DEFAULT '1', CONSTRAINT "PK_a4cd94d25681beedd630323a3fa" PRIMARY KEY ("code"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_need_terms_parent_code" ON "need_terms"  ("parent_code") `,
    );
    await queryRunner.query(
      `ALTER TABLE "areas" ADD CONSTRAINT "FK_areas_parent" FOREIGN KEY ("parent_code") REFERENCES "areas"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "area_postcode_sectors" ADD CONSTRAINT "FK_area_postcode_sectors_area" FOREIGN KEY ("area_code") REFERENCES "areas"("code") ON DELETE CASCADE ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "need_terms" ADD CONSTRAINT "FK_need_terms_parent" FOREIGN KEY ("parent_code") REFERENCES "need_terms"("code") ON DELETE RESTRICT ON UPDATE NO ACTION`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "need_terms" DROP CONSTRAINT "FK_need_terms_parent"`);
    await queryRunner.query(
      `ALTER TABLE "area_postcode_sectors" DROP CONSTRAINT "FK_area_postcode_sectors_area"`,
    );
    await queryRunner.query(`ALTER TABLE "areas" DROP CONSTRAINT "FK_areas_parent"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_need_terms_parent_code"`);
    await queryRunner.query(`DROP TABLE "need_terms"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_area_postcode_sectors_area_code"`);
    await queryRunner.query(`DROP TABLE "area_postcode_sectors"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_areas_parent_code"`);
    await queryRunner.query(`DROP TABLE "areas"`);
    await queryRunner.query(`DROP TYPE "public"."area_kind"`);
  }
}
