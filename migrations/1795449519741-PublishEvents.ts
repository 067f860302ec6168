import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PublishEvents1795449519741 implements MigrationInterface {
  name = 'PublishEvents1795449519741';

  public async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "events" ADD "seq" bigint`);
    await queryRunner.query(`ALTER TABLE "events" ADD "partner_seq" bigint`);
    // Events stored before the relay existed count as published, numbered in the order written
    // (and a partner's referral events among themselves).
    await queryRunner.query(
      `UPDATE "events" e SET "seq" = n.seq FROM (SELECT id, row_number() OVER (ORDER BY id) AS seq FROM "events") n WHERE e.id = n.id`,
    );
    await queryRunner.query(
      `UPDATE "events" e SET "partner_seq" = n.seq FROM (SELECT id, row_number() OVER (PARTITION BY organisation_id ORDER BY id) AS seq FROM "events" WHERE organisation_id IS NOT NULL AND type LIKE 'referral.%') n WHERE e.id = n.id`,
    );
    await queryRunner.query(`CREATE UNIQUE INDEX "IDX_events_seq" ON "events"  ("seq") `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "IDX_events_partner_seq" ON "events"  ("organisation_id", "partner_seq") WHERE partner_seq IS NOT NULL`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_events_unpublished" ON "events"  ("id") WHERE seq IS NULL`,
    );
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP INDEX "public"."IDX_events_unpublished"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_events_partner_seq"`);
    await queryRunner.query(`DROP INDEX "public"."IDX_events_seq"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "partner_seq"`);
    await queryRunner.query(`ALTER TABLE "events" DROP COLUMN "seq"`);
  }
}
