import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The directory's GIN indexes, read on every search. */
const SEARCH_INDEXES = [
  'IDX_services_need_codes',
  'IDX_services_area_codes',
  'IDX_services_search_vector',
  'IDX_search_words_trgm',
];

/**
 * The search's GIN indexes write each change straight into the index instead of a pending list.
 * With a pending list (PostgreSQL's default, `fastupdate`), every search scans the list's entries
 * one by one until a vacuum merges them; after a directory import that is every service, and a
 * search took twice as long until autovacuum came round. The directory is read far more often
 * than it is written, so the cost moves to the write.
 */
export class DisableSearchIndexPendingLists1795436000000 implements MigrationInterface {
  name = 'DisableSearchIndexPendingLists1795436000000';

  public async up(queryRunner: QueryRunner): Promise<void> {
    for (const index of SEARCH_INDEXES) {
      await queryRunner.query(`ALTER INDEX "${index}" SET (fastupdate = off)`);
      // Merges what is already pending; new entries no longer wait.
      await queryRunner.query(`SELECT gin_clean_pending_list('"${index}"'::regclass)`);
    }
  }

  public async down(queryRunner: QueryRunner): Promise<void> {
    for (const index of SEARCH_INDEXES) {
      await queryRunner.query(`ALTER INDEX "${index}" RESET (fastupdate)`);
    }
  }
}
