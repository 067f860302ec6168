import type { CaseNeed } from '../cases/case.entity.js';

/** A directory service as the recommendations read it. */
export interface CandidateService {
  id: string;
  name: string;
  organisationId: string;
  organisationName: string;
  acceptingReferrals: boolean;
  needCodes: readonly string[];
  areaCodes: readonly string[];
  minimumAge: number | null;
  maximumAge: number | null;
  responseTargetHours: number | null;
  /** Places left; null when the service does not count places. */
  capacityAvailable: number | null;
}

/** An area covering the person's home: their ward, the areas around it, the district. */
export interface CoveringArea {
  code: string;
  name: string;
  /** A ward or service delivery area; false for the district (borough-wide). */
  local: boolean;
}

/** What a case asks of a service. */
export interface RecommendationContext {
  needs: readonly CaseNeed[];
  /** Need code -> label, for the reasons. */
  needLabels: ReadonlyMap<string, string>;
  /** The areas covering the person's home, most specific first; null when their area is unknown. */
  place: readonly CoveringArea[] | null;
  /** The person's age in years; null when their date of birth is not recorded. */
  age: number | null;
}

export interface Recommendation {
  serviceId: string;
  name: string;
  organisation: { id: string; name: string };
  score: number;
  reasons: string[];
}

/** At most this many recommendations are answered. */
export const MAX_RECOMMENDATIONS = 10;

/** The weights of the score: a need matters most, then being local, then places and speed. */
export const WEIGHTS = {
  /** Per point of severity of a case need the service offers exactly. */
  exactNeed: 10,
  /** Per point of severity of a case need the service offers a broader or narrower term of. */
  relatedNeed: 4,
  /** The service lists the person's ward or service delivery area (not only the district). */
  local: 6,
} as const;

/** Whether `code` is `other` or lies under it. */
const within = (code: string, other: string) => code === other || code.startsWith(`${other}.`);

/** The person's age in whole years on `today` (both YYYY-MM-DD). */
export function ageOn(dateOfBirth: string, today: string): number {
  const [by, bm, bd] = dateOfBirth.split('-').map(Number);
  const [ty, tm, td] = today.split('-').map(Number);
  return ty - by - (tm < bm || (tm === bm && td < bd) ? 1 : 0);
}

/** 1 for a service that does not count places or has 1-4 left, 2 for 5-9, 3 for 10 or more. */
function placesPoints(available: number | null): number {
  if (available === null) return 1;
  return Math.min(3, 1 + Math.floor(available / 5));
}

/** 3 for an answer within a day, 2 within two days, 1 within five, 0 slower or no target. */
function responsePoints(hours: number | null): number {
  if (hours === null) return 0;
  if (hours <= 24) return 3;
  if (hours <= 48) return 2;
  return hours <= 120 ? 1 : 0;
}

const plural = (count: number, one: string, many: string) => `${count} ${count === 1 ? one : many}`;

function label(context: RecommendationContext, code: string): string {
  return `${context.needLabels.get(code) ?? code} (${code})`;
}

function ageReason(service: CandidateService, age: number | null): string | null {
  const { minimumAge: min, maximumAge: max } = service;
  let text: string;
  if (min !== null && max !== null) text = `accepts ages ${min} to ${max}`;
  else if (min !== null) text = `accepts ${min}+`;
  else if (max !== null) text = `accepts up to ${max}`;
  else return null;
  return age === null ? `${text} (age not recorded: check)` : text;
}

/**
 * Whether a service fits a case and, if it does, its score and the reasons a handler reads.
 * It fits when it accepts referrals, has places left (or does not count them), offers one of the
 * case's needs (the need itself, a broader term: `money` for `money.debt`, or a narrower one),
 * covers the person's area (when known) and takes people of their age (when known).
 * Score: for each case need, its severity times 10 when offered exactly or times 4 when related;
 * plus 6 when local (the ward or service delivery area, not only borough-wide); plus 1-3 for
 * places left; plus 0-3 for a response target of a day, two days, five days.
 */
export function scoreService(
  service: CandidateService,
  context: RecommendationContext,
): { score: number; reasons: string[] } | null {
  if (!service.acceptingReferrals) return null;
  if (service.capacityAvailable !== null && service.capacityAvailable <= 0) return null;
  const { age } = context;
  if (age !== null) {
    if (service.minimumAge !== null && age < service.minimumAge) return null;
    if (service.maximumAge !== null && age > service.maximumAge) return null;
  }
  let covering: CoveringArea | undefined;
  if (context.place !== null) {
    covering = context.place.find((area) => service.areaCodes.includes(area.code));
    if (covering === undefined) return null;
  }

  const codes = [...service.needCodes].sort();
  let score = 0;
  const reasons: string[] = [];
  for (const need of context.needs) {
    if (codes.includes(need.code)) {
      score += WEIGHTS.exactNeed * need.severity;
      reasons.push(label(context, need.code));
      continue;
    }
    // A broader term first (a general service), then a narrower one (a specialist service).
    const related =
      codes.find((code) => within(need.code, code)) ??
      codes.find((code) => within(code, need.code));
    if (related !== undefined) {
      score += WEIGHTS.relatedNeed * need.severity;
      reasons.push(`${label(context, related)}, related to ${label(context, need.code)}`);
    }
  }
  if (reasons.length === 0) return null;

  if (covering !== undefined) {
    if (covering.local) score += WEIGHTS.local;
    reasons.push(covering.local ? `covers ${covering.name}` : `covers all of ${covering.name}`);
  }
  const ages = ageReason(service, age);
  if (ages !== null) reasons.push(ages);
  score += placesPoints(service.capacityAvailable);
  if (service.capacityAvailable !== null) {
    reasons.push(`${plural(service.capacityAvailable, 'place', 'places')} left`);
  }
  score += responsePoints(service.responseTargetHours);
  if (service.responseTargetHours !== null) {
    reasons.push(`responds within ${plural(service.responseTargetHours, 'hour', 'hours')}`);
  }
  return { score, reasons };
}

/**
 * The services that fit, best first, at most `limit`: highest score, then name, then id, so the
 * same directory and case always give the same answer.
 */
export function recommend(
  services: readonly CandidateService[],
  context: RecommendationContext,
  limit = MAX_RECOMMENDATIONS,
): Recommendation[] {
  const fitting: Recommendation[] = [];
  for (const service of services) {
    const scored = scoreService(service, context);
    if (scored === null) continue;
    fitting.push({
      serviceId: service.id,
      name: service.name,
      organisation: { id: service.organisationId, name: service.organisationName },
      score: scored.score,
      reasons: scored.reasons,
    });
  }
  return fitting
    .sort(
      (a, b) =>
        b.score - a.score ||
        a.name.localeCompare(b.name, 'en') ||
        (a.serviceId < b.serviceId ? -1 : a.serviceId > b.serviceId ? 1 : 0),
    )
    .slice(0, limit);
}
