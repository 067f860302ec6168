/**
 * Duplicate detection's scoring: how strongly a stored person matches what a handler typed.
 * Pure (no database): the SQL finds candidates and measures each signal, this weighs them.
 */

export const MATCH_FIELDS = ['name', 'dateOfBirth', 'postcode', 'phone'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];
export type MatchStrength = 'strong' | 'possible';

/**
 * Trigram similarity (pg_trgm `similarity()`, 0..1) from which two full names count as the same
 * name spelt differently: "jon smith" / "john smith" 0.62, "margret thomson" / "margaret thompson"
 * 0.55, "mohammed khan" / "muhammad khan" 0.40. Different first names with one surname can reach
 * it too ("jane smith" / "john smith" 0.47), which is why a name alone is never a strong match.
 */
export const NAME_SIMILARITY_THRESHOLD = 0.4;

/**
 * How much each signal weighs in the score (they add up to 1): a name counts in proportion to its
 * similarity, the others when they are equal. A phone or a postcode is shared by a household, a
 * date of birth by many people; a name with a date of birth is the classic identity.
 */
export const MATCH_WEIGHTS: Readonly<Record<MatchField, number>> = {
  name: 0.4,
  dateOfBirth: 0.3,
  phone: 0.2,
  postcode: 0.1,
};

/** What the SQL measured for one stored person against the search. */
export interface MatchSignals {
  /** similarity() of the full names, or null when the search gave no name. */
  nameSimilarity: number | null;
  /** Each true only when the search gave the field and the person's is equal. */
  dateOfBirth: boolean;
  postcode: boolean;
  phone: boolean;
}

export interface MatchScore {
  /** 0..1, three decimals. */
  score: number;
  /** The fields that agree, in MATCH_FIELDS order. */
  matched: MatchField[];
  /**
   * strong: a similar name with the same date of birth or phone, or the same date of birth and
   * phone (a name can change); possible: anything less.
   */
  strength: MatchStrength;
}

/** The score of one candidate, or undefined when no field agrees (not a candidate at all). */
export function scoreMatch(signals: MatchSignals): MatchScore | undefined {
  const similarity = Math.min(Math.max(signals.nameSimilarity ?? 0, 0), 1);
  const agrees: Record<MatchField, boolean> = {
    name: similarity >= NAME_SIMILARITY_THRESHOLD,
    dateOfBirth: signals.dateOfBirth,
    postcode: signals.postcode,
    phone: signals.phone,
  };
  const matched = MATCH_FIELDS.filter((field) => agrees[field]);
  if (matched.length === 0) return undefined;
  const raw =
    (agrees.name ? MATCH_WEIGHTS.name * similarity : 0) +
    (agrees.dateOfBirth ? MATCH_WEIGHTS.dateOfBirth : 0) +
    (agrees.phone ? MATCH_WEIGHTS.phone : 0) +
    (agrees.postcode ? MATCH_WEIGHTS.postcode : 0);
  const strong =
    (agrees.name && (agrees.dateOfBirth || agrees.phone)) || (agrees.dateOfBirth && agrees.phone);
  return {
    score: Math.round(Math.min(raw, 1) * 1000) / 1000,
    matched,
    strength: strong ? 'strong' : 'possible',
  };
}

/**
 * The candidates worth showing, best first (strong before possible, then by score), at most
 * `limit`. `key` breaks ties so the order is the same for the same data.
 */
export function rankMatches<T>(
  candidates: readonly { item: T; key: string; signals: MatchSignals }[],
  limit: number,
): { item: T; match: MatchScore }[] {
  return candidates
    .flatMap(({ item, key, signals }) => {
      const match = scoreMatch(signals);
      return match === undefined ? [] : [{ item, key, match }];
    })
    .sort(
      (a, b) =>
        Number(b.match.strength === 'strong') - Number(a.match.strength === 'strong') ||
        b.match.score - a.match.score ||
        a.key.localeCompare(b.key),
    )
    .slice(0, limit)
    .map(({ item, match }) => ({ item, match }));
}
