import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import type { ServiceStatus } from './service.entity.js';

/** Opening times are kept, and "open now" is judged, in the borough's local time. */
export const BOROUGH_TIME_ZONE = 'Europe/London';

/** What the search filters on; absent filters are null. Checked and resolved by ServiceService. */
export interface ServiceSearchFilters {
  /** The need codes asked for (an exact match ranks first). */
  needs: string[] | null;
  /** Those codes and every code under them. */
  coveredNeeds: string[] | null;
  /** The areas covering the asked area or postcode. */
  coveringAreas: string[] | null;
  /** Of those, the local ones (not the district). */
  localAreas: string[] | null;
  age: number | null;
  /** A to_tsquery expression built by `textQuery` from spelling-corrected words. */
  textQuery: string | null;
  accepting: boolean | null;
  /** The borough's local day (MO..SU), time (HH:MM:SS) and date, when only open services count. */
  openAt: { day: string; time: string; date: string } | null;
  organisationId: string | null;
  limit: number;
  offset: number;
}

export interface ServiceSearchRow {
  id: string;
  name: string;
  description: string;
  status: ServiceStatus;
  organisation_id: string;
  organisation_name: string;
  receiving_organisation_id: string;
  minimum_age: number | null;
  maximum_age: number | null;
  eligibility_description: string | null;
  accepting_referrals: boolean;
  response_target_hours: number | null;
  capacity_available: number | null;
  capacity_maximum: number | null;
  url: string | null;
  email: string | null;
  phone: string | null;
  needs: string[];
  areas: string[];
  /** With a need filter: whether the service has one of the asked codes itself (not only one under it). */
  exact_need: boolean | null;
  local: boolean | null;
  text_rank: number | null;
  total: string;
}

/** Query words (letters only, 3 or more) and, for each, the directory's words spelt like it. */
export const SIMILAR_WORDS_SQL = `SELECT q.word, coalesce(array_agg(w.word ORDER BY w.score DESC, w.word) FILTER (WHERE w.word IS NOT NULL), '{}') AS similar
  FROM unnest($1::text[]) AS q(word)
  LEFT JOIN LATERAL (
    SELECT s.word, similarity(s.word, q.word) AS score FROM search_words s
     WHERE s.word % q.word ORDER BY score DESC, s.word LIMIT 4
  ) w ON true
 GROUP BY q.word`;

/**
 * What the search's filters stand for: which asked need codes exist and every code they cover
 * (themselves and the codes under them); the area asked for, or the ward of the postcode sector;
 * the areas that cover it (itself, the areas around it, the areas inside it) and, of those, the
 * local ones (not the district).
 */
export const SEARCH_TERMS_SQL = `WITH asked AS (
  SELECT coalesce($2::text, (SELECT area_code FROM area_postcode_sectors WHERE sector = $3::text)) AS code
), place AS (
  SELECT a.code, a.kind <> 'district' AS local
    FROM asked, areas a
    LEFT JOIN areas parent ON parent.code = a.parent_code
   WHERE a.code = asked.code OR a.parent_code = asked.code OR parent.parent_code = asked.code
      OR a.code = (SELECT parent_code FROM areas WHERE code = asked.code)
      OR a.code = (SELECT up.parent_code FROM areas here JOIN areas up ON up.code = here.parent_code WHERE here.code = asked.code)
)
SELECT ARRAY(SELECT code FROM need_terms WHERE code = ANY($1::text[])) AS needs,
       ARRAY(SELECT t.code FROM need_terms t
              WHERE EXISTS (SELECT 1 FROM unnest($1::text[]) AS w(code) WHERE t.code = w.code OR starts_with(t.code, w.code || '.'))) AS covered_needs,
       (SELECT code FROM asked) AS area,
       ARRAY(SELECT code FROM place) AS covering_areas,
       ARRAY(SELECT code FROM place WHERE local) AS local_areas`;

export interface SearchTerms {
  needs: string[];
  covered_needs: string[];
  area: string | null;
  covering_areas: string[];
  local_areas: string[];
}

/**
 * One page of matching active services, best first, with the total. Every filter reads the
 * service's own row: `need_codes`, `area_codes` and `search_vector` are GIN-indexed copies the
 * database keeps (migrations: AddServiceSearchColumns), so PostgreSQL combines the filters'
 * indexes before it reads a single service.
 * Ranking: the exact need before a need under it; local (ward or service delivery area) before
 * borough-wide; places left before full; then text relevance, then most places left, then name.
 */
export const SEARCH_SQL = `WITH matched AS (
  SELECT s.id,
         CASE WHEN $1::text[] IS NULL THEN NULL ELSE s.need_codes && $1::text[] END AS exact_need,
         CASE WHEN $4::text[] IS NULL THEN NULL ELSE s.area_codes && $4::text[] END AS local,
         CASE WHEN $5::text IS NULL THEN NULL ELSE ts_rank(s.search_vector, to_tsquery('english', $5::text)) END AS text_rank,
         count(*) OVER () AS total
    FROM services s
   WHERE s.status = 'active'
     AND ($2::text[] IS NULL OR s.need_codes && $2::text[])
     AND ($3::text[] IS NULL OR s.area_codes && $3::text[])
     AND ($6::int IS NULL OR ((s.minimum_age IS NULL OR s.minimum_age <= $6::int) AND (s.maximum_age IS NULL OR $6::int <= s.maximum_age)))
     AND ($5::text IS NULL OR s.search_vector @@ to_tsquery('english', $5::text))
     AND ($7::boolean IS NULL OR s.accepting_referrals = $7::boolean)
     AND ($8::text IS NULL OR EXISTS (
           SELECT 1 FROM schedules sc
            WHERE (sc.service_id = s.id OR sc.service_at_location_id IN (SELECT sal.id FROM service_at_locations sal WHERE sal.service_id = s.id))
              AND sc.freq = 'WEEKLY' AND $8::text = ANY(string_to_array(sc.byday, ','))
              AND sc.opens_at <= $9::time AND $9::time < sc.closes_at
              AND (sc.valid_from IS NULL OR sc.valid_from <= $10::date) AND (sc.valid_to IS NULL OR $10::date <= sc.valid_to)))
     AND ($11::uuid IS NULL OR s.organisation_id = $11::uuid)
   ORDER BY exact_need DESC NULLS LAST, local DESC NULLS LAST,
            coalesce(s.capacity_available > 0, true) DESC, text_rank DESC NULLS LAST,
            s.capacity_available DESC NULLS LAST, s.name, s.id
   LIMIT $12::int OFFSET $13::int
)
SELECT s.id, s.name, s.description, s.status, s.organisation_id, o.name AS organisation_name,
       s.receiving_organisation_id, s.minimum_age, s.maximum_age, s.eligibility_description,
       s.accepting_referrals, s.response_target_hours, s.capacity_available, s.capacity_maximum,
       s.url, s.email,
       (SELECT ph.number FROM phones ph WHERE ph.service_id = s.id ORDER BY ph.id LIMIT 1) AS phone,
       coalesce(s.need_codes, '{}') AS needs, coalesce(s.area_codes, '{}') AS areas,
       m.exact_need, m.local, m.text_rank, m.total
  FROM matched m
  JOIN services s ON s.id = m.id
  JOIN organisations o ON o.id = s.organisation_id
 ORDER BY m.exact_need DESC NULLS LAST, m.local DESC NULLS LAST,
          coalesce(s.capacity_available > 0, true) DESC, m.text_rank DESC NULLS LAST,
          s.capacity_available DESC NULLS LAST, s.name, s.id`;

/** Letters-only words of a free-text query, lower-cased, at most eight, each once. */
export function queryWords(text: string): string[] {
  const words = text.toLowerCase().match(/\p{L}{3,40}/gu) ?? [];
  return [...new Set(words)].slice(0, 8);
}

/**
 * A to_tsquery expression: every query word must match, each through itself or a directory word
 * spelt like it ("benifit advise" → (benifit | benefit) & (advise | advice)). A word nothing in
 * the directory resembles is left out, unless every word is like that. Words are letters only,
 * so they are safe inside the expression.
 */
export function textQuery(similar: ReadonlyMap<string, readonly string[]>): string {
  const groups = [...similar].map(([word, alike]) => ({
    known: alike.length > 0,
    terms: [...new Set([word, ...alike])],
  }));
  const useful = groups.some((group) => group.known)
    ? groups.filter((group) => group.known)
    : groups;
  return useful.map((group) => `(${group.terms.join(' | ')})`).join(' & ');
}

/** The search's SQL; everything is in the statements above. */
@Injectable()
export class ServiceSearch {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async searchTerms(
    needs: readonly string[],
    area: string | null,
    sector: string | null,
    manager: EntityManager = this.dataSource.manager,
  ): Promise<SearchTerms> {
    const [row] = await manager.query<SearchTerms[]>(SEARCH_TERMS_SQL, [needs, area, sector]);
    return row;
  }

  async similarWords(
    words: readonly string[],
    manager: EntityManager = this.dataSource.manager,
  ): Promise<Map<string, string[]>> {
    const rows = await manager.query<{ word: string; similar: string[] }[]>(SIMILAR_WORDS_SQL, [
      words,
    ]);
    const byWord = new Map(rows.map((row) => [row.word, row.similar]));
    return new Map(words.map((word) => [word, byWord.get(word) ?? []]));
  }

  search(filters: ServiceSearchFilters): Promise<ServiceSearchRow[]> {
    return this.dataSource.query<ServiceSearchRow[]>(SEARCH_SQL, [
      filters.needs,
      filters.coveredNeeds,
      filters.coveringAreas,
      filters.localAreas,
      filters.textQuery,
      filters.age,
      filters.accepting,
      filters.openAt?.day ?? null,
      filters.openAt?.time ?? null,
      filters.openAt?.date ?? null,
      filters.organisationId,
      filters.limit,
      filters.offset,
    ]);
  }
}
