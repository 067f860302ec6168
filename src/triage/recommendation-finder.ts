import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import type { CaseNeed } from '../cases/case.entity.js';
import {
  ageOn,
  recommend,
  type CandidateService,
  type CoveringArea,
  type Recommendation,
} from './recommendations.js';
import { TriageConfig } from './triage-config.js';
import { localClock } from './working-days.js';

/**
 * The need terms related to the case's needs, with their labels: the needs themselves, the terms
 * above them (`money` for `money.debt`) and the terms under them.
 */
const RELATED_NEEDS_SQL = `SELECT t.code, t.label FROM need_terms t
 WHERE t.code = ANY($1::text[])
    OR EXISTS (SELECT 1 FROM unnest($2::text[]) AS w(code) WHERE starts_with(t.code, w.code || '.'))`;

/** The person's ward and the areas around it, up to the district, most specific first. */
const PLACE_SQL = `WITH RECURSIVE up AS (
  SELECT code, name, kind, parent_code, 0 AS depth FROM areas WHERE code = $1
  UNION ALL
  SELECT a.code, a.name, a.kind, a.parent_code, up.depth + 1 FROM areas a JOIN up ON a.code = up.parent_code
)
SELECT code, name, kind <> 'district' AS local FROM up ORDER BY depth`;

/**
 * Active services of active organisations that accept referrals, have places left (or do not
 * count them), offer one of the related needs, cover one of the areas (when known) and take the
 * age (when known). The need and area filters read the GIN-indexed `need_codes` and `area_codes`.
 */
const CANDIDATES_SQL = `SELECT s.id, s.name, s.organisation_id, o.name AS organisation_name,
       s.accepting_referrals, coalesce(s.need_codes, '{}') AS need_codes,
       coalesce(s.area_codes, '{}') AS area_codes, s.minimum_age, s.maximum_age,
       s.response_target_hours, s.capacity_available
  FROM services s
  JOIN organisations o ON o.id = s.organisation_id
 WHERE s.status = 'active' AND o.active AND s.accepting_referrals
   AND (s.capacity_available IS NULL OR s.capacity_available > 0)
   AND s.need_codes && $1::text[]
   AND ($2::text[] IS NULL OR s.area_codes && $2::text[])
   AND ($3::int IS NULL OR ((s.minimum_age IS NULL OR s.minimum_age <= $3::int)
                            AND (s.maximum_age IS NULL OR $3::int <= s.maximum_age)))`;

interface CandidateRow {
  id: string;
  name: string;
  organisation_id: string;
  organisation_name: string;
  accepting_referrals: boolean;
  need_codes: string[];
  area_codes: string[];
  minimum_age: number | null;
  maximum_age: number | null;
  response_target_hours: number | null;
  capacity_available: number | null;
}

/** The person a case is for, as the recommendations read them. */
export interface PersonPlace {
  areaCode: string | null;
  /** YYYY-MM-DD, or null when not recorded. */
  dateOfBirth: string | null;
}

/** Every code above a need code: `a.b.c` -> `a`, `a.b`. */
function ancestors(code: string): string[] {
  const parts = code.split('.');
  return parts.slice(1).map((_, index) => parts.slice(0, index + 1).join('.'));
}

/** Finds the directory's candidates for a case; the ranking is the pure `recommend`. */
@Injectable()
export class RecommendationFinder {
  constructor(private readonly triageConfig: TriageConfig) {}

  async forCase(
    manager: EntityManager,
    needs: readonly CaseNeed[],
    person: PersonPlace,
    now: Date,
  ): Promise<Recommendation[]> {
    if (needs.length === 0) return [];
    const codes = needs.map((need) => need.code);
    const terms = await manager.query<{ code: string; label: string }[]>(RELATED_NEEDS_SQL, [
      [...new Set([...codes, ...codes.flatMap(ancestors)])],
      codes,
    ]);
    const place =
      person.areaCode === null
        ? null
        : await manager.query<CoveringArea[]>(PLACE_SQL, [person.areaCode]);
    const age =
      person.dateOfBirth === null
        ? null
        : ageOn(person.dateOfBirth, localClock(now, this.triageConfig.calendar.timeZone).date);
    const rows = await manager.query<CandidateRow[]>(CANDIDATES_SQL, [
      terms.map((term) => term.code),
      place === null ? null : place.map((area) => area.code),
      age,
    ]);
    const candidates: CandidateService[] = rows.map((row) => ({
      id: row.id,
      name: row.name,
      organisationId: row.organisation_id,
      organisationName: row.organisation_name,
      acceptingReferrals: row.accepting_referrals,
      needCodes: row.need_codes,
      areaCodes: row.area_codes,
      minimumAge: row.minimum_age,
      maximumAge: row.maximum_age,
      responseTargetHours: row.response_target_hours,
      capacityAvailable: row.capacity_available,
    }));
    return recommend(candidates, {
      needs,
      needLabels: new Map(terms.map((term) => [term.code, term.label])),
      place,
      age,
    });
  }
}
