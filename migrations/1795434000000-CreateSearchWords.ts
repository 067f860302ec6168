import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The words of every service's name and description, for spelling-tolerant search: a query word
 * is matched to the similar words here (trigram similarity), which then go to the full-text query
 * (services/service-search.ts). A trigger keeps the list current on every insert and update;
 * words are only added, never removed, which costs nothing but a little space.
 */
export class CreateSearchWords1795434000000 implements MigrationInterface {
  name = 'CreateSearchWords1795434000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "search_words" ("word" character varying(40) NOT NULL, CONSTRAINT "PK_search_words" PRIMARY KEY ("word"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_search_words_trgm" ON "search_words" USING gin ("word" gin_trgm_ops)`,
    );
    await queryRunner.query(`
      CREATE FUNCTION service_search_words() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        INSERT INTO search_words (word)
        SELECT DISTINCT word
          FROM regexp_split_to_table(lower(NEW.name || ' ' || NEW.description), '[^[:alpha:]]+') AS word
         WHERE length(word) BETWEEN 3 AND 40
        ON CONFLICT DO NOTHING;
        RETURN NULL;
      END $$`);
    await queryRunner.query(
      `CREATE TRIGGER "services_search_words" AFTER INSERT OR UPDATE OF name, description ON "services" FOR EACH ROW EXECUTE FUNCTION service_search_words()`,
    );
    await queryRunner.query(`
      INSERT INTO search_words (word)
      SELECT DISTINCT word
        FROM services, regexp_split_to_table(lower(name || ' ' || description), '[^[:alpha:]]+') AS word
       WHERE length(word) BETWEEN 3 AND 40
      ON CONFLICT DO NOTHING`);
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TRIGGER "services_search_words" ON "services"`);
    await queryRunner.query(`DROP FUNCTION service_search_words()`);
    await queryRunner.query(`DROP INDEX "public"."IDX_search_words_trgm"`);
    await queryRunner.query(`DROP TABLE "search_words"`);
  }
}
