import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PublishEvents1795449519741 implements MigrationInterface {
  name = 'PublishEvents1795449519741';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "events" ADD "seq" bigint`);
    // Events stored before the relay existed count as published, numbered in the order written.
    await queryRunner.query(
      `UPDATE "events" e SET "seq" = n.seq FROM (SELECT id, row_number() OVER (ORDER BY id) AS seq FROM "events") n WHERE e.id = n.id`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_events_seq" ON "events"  ("seq") `);
    await queryRunner.query(
      `CREATE INDEX "IDX_events_organisation_seq" ON "events"  ("organisation_id", "seq") WHERE organisation_id IS NOT NULL AND seq IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_events_unpublished" ON "events"  ("id") WHERE seq IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_events_unpublished"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_events_organisation_seq"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_events_seq"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "seq"`);
  }
}
