import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Search reads one row per service: `need_codes` and `area_codes` copy the service's needs and
 * coded areas (kept by triggers on service_needs and service_areas) and `search_vector` its
 * name and description as full text (kept by a trigger on services). GIN indexes on the three let
 * PostgreSQL combine the need, area and text filters before reading any service.
 */
export class AddServiceSearchColumns1795435000000 implements MigrationInterface {
  name = 'AddServiceSearchColumns1795435000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_services_search_trgm"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_services_search_fts"`);
    await queryRunner.query(`ALTER TABLE "services" ADD "need_codes" text array`);
    await queryRunner.query(`ALTER TABLE "services" ADD "area_codes" text array`);
    await queryRunner.query(`ALTER TABLE "services" ADD "search_vector" tsvector`);

    await queryRunner.query(`
      CREATE FUNCTION service_search_vector() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        NEW.search_vector := to_tsvector('english'::regconfig, NEW.name || ' ' || NEW.description);
        RETURN NEW;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "services_search_vector" BEFORE INSERT OR UPDATE OF name, description ON "services" FOR EACH ROW EXECUTE FUNCTION service_search_vector()`,
    );
    await queryRunner.query(`
      CREATE FUNCTION service_need_codes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE services s
           SET need_codes = ARRAY(SELECT sn.need_code FROM service_needs sn WHERE sn.service_id = s.id ORDER BY sn.need_code)
         WHERE s.id IN (SELECT service_id FROM changed);
        RETURN NULL;
      END $$`);
    await queryRunner.query(`
      CREATE FUNCTION service_area_codes() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        UPDATE services s
           SET area_codes = ARRAY(SELECT DISTINCT sa.area_code FROM service_areas sa
                                   WHERE sa.service_id = s.id AND sa.area_code IS NOT NULL ORDER BY sa.area_code)
         WHERE s.id IN (SELECT service_id FROM changed);
        RETURN NULL;
      END $$`);
    for (const [table, fn] of [
      ['service_needs', 'service_need_codes'],
      ['service_areas', 'service_area_codes'],
    ]) {
      await queryRunner.query(
        `CREATE TRIGGER "${table}_inserted" AFTER INSERT ON "${table}" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "${table}_updated" AFTER UPDATE ON "${table}" REFERENCING NEW TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
      await queryRunner.query(
        `CREATE TRIGGER "${table}_deleted" AFTER DELETE ON "${table}" REFERENCING OLD TABLE AS changed FOR EACH STATEMENT EXECUTE FUNCTION ${fn}()`,
      );
    }

    await queryRunner.query(`
      UPDATE services s SET
        search_vector = to_tsvector('english'::regconfig, s.name || ' ' || s.description),
        need_codes = ARRAY(SELECT sn.need_code FROM service_needs sn WHERE sn.service_id = s.id ORDER BY sn.need_code),
        area_codes = ARRAY(SELECT DISTINCT sa.area_code FROM service_areas sa
                            WHERE sa.service_id = s.id AND sa.area_code IS NOT NULL ORDER BY sa.area_code)`);
    await queryRunner.query(
      `CREATE INDEX "IDX_services_need_codes" ON "services" USING gin ("need_codes")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_services_area_codes" ON "services" USING gin ("area_codes")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_services_search_vector" ON "services" USING gin ("search_vector")`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_services_search_vector"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_services_area_codes"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_services_need_codes"`);
    for (const table of ['service_needs', 'service_areas']) {
      for (const event of ['inserted', 'updated', 'deleted']) {
        await queryRunner.query(`DROP TRIGGER "${table}_${event}" ON "${table}"`);
      }
    }
    await queryRunner.query(`DROP FUNCTION service_area_codes()`);
    await queryRunner.query(`DROP FUNCTION service_need_codes()`);
    await queryRunner.query(`DROP TRIGGER "services_search_vector" ON "services"`);
    await queryRunner.query(`DROP FUNCTION service_search_vector()`);
    await queryRunner.query(`ALTER TABLE "services" DROP COLUMN "search_vector"`);
    await queryRunner.query(`ALTER TABLE "services" DROP COLUMN "area_codes"`);
    await queryRunner.query(`ALTER TABLE "services" DROP COLUMN "need_codes"`);
    await queryRunner.query(
      `CREATE INDEX "IDX_services_search_fts" ON "services" USING gin (to_tsvector('english'::regconfig, (name::text || ' ' || description)))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_services_search_trgm" ON "services" USING gin ((name::text || ' ' || description) gin_trgm_ops)`,
    );
  }
}
