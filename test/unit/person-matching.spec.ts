import {
  MATCH_WEIGHTS,
  NAME_SIMILARITY_THRESHOLD,
  rankMatches,
  scoreMatch,
  type MatchSignals,
} from '../../src/intake/people/person-matching.js';

const none: MatchSignals = {
  nameSimilarity: null,
  dateOfBirth: false,
  postcode: false,
  phone: false,
};

describe('duplicate detection: scoring one candidate', () => {
  it('calls a misspelt name with the same date of birth a strong match', () => {
    // similarity('jon smith', 'john smith') as pg_trgm measures it
    const match = scoreMatch({ ...none, nameSimilarity: 0.615, dateOfBirth: true });
    expect(match).toEqual({ score: 0.546, matched: ['name', 'dateOfBirth'], strength: 'strong' });
  });

  it('calls a similar name with the same phone a strong match', () => {
    expect(scoreMatch({ ...none, nameSimilarity: 0.7, phone: true })?.strength).toBe('strong');
  });

  it('calls the same date of birth and phone a strong match even under another name', () => {
    const match = scoreMatch({ ...none, nameSimilarity: 0.1, dateOfBirth: true, phone: true });
    expect(match).toEqual({ score: 0.5, matched: ['dateOfBirth', 'phone'], strength: 'strong' });
  });

  it('never calls a name alone, or a name and a postcode, more than possible', () => {
    expect(scoreMatch({ ...none, nameSimilarity: 1 })).toEqual({
      score: 0.4,
      matched: ['name'],
      strength: 'possible',
    });
    expect(scoreMatch({ ...none, nameSimilarity: 1, postcode: true })?.strength).toBe('possible');
  });

  it('does not count a name below the threshold, nor a date of birth alone as strong', () => {
    const match = scoreMatch({
      ...none,
      nameSimilarity: NAME_SIMILARITY_THRESHOLD - 0.01,
      dateOfBirth: true,
    });
    expect(match).toEqual({ score: 0.3, matched: ['dateOfBirth'], strength: 'possible' });
  });

  it('is not a candidate when nothing agrees', () => {
    expect(scoreMatch(none)).toBeUndefined();
    expect(scoreMatch({ ...none, nameSimilarity: 0.2 })).toBeUndefined();
  });

  it('scores every field agreeing exactly as 1, and keeps scores within 0..1', () => {
    expect(
      scoreMatch({ nameSimilarity: 1, dateOfBirth: true, postcode: true, phone: true }),
    ).toEqual({
      score: 1,
      matched: ['name', 'dateOfBirth', 'postcode', 'phone'],
      strength: 'strong',
    });
    expect(scoreMatch({ ...none, nameSimilarity: 1.5 })?.score).toBe(MATCH_WEIGHTS.name);
    expect(Object.values(MATCH_WEIGHTS).reduce((sum, weight) => sum + weight, 0)).toBeCloseTo(1);
  });

  it('weighs an exact name above a misspelt one', () => {
    const exact = scoreMatch({ ...none, nameSimilarity: 1, dateOfBirth: true });
    const misspelt = scoreMatch({ ...none, nameSimilarity: 0.55, dateOfBirth: true });
    expect(exact?.score).toBeGreaterThan(misspelt?.score ?? 1);
  });
});

describe('duplicate detection: ranking candidates', () => {
  const candidate = (key: string, signals: Partial<MatchSignals>) => ({
    item: key,
    key,
    signals: { ...none, ...signals },
  });

  it('puts strong matches first, then by score, drops non-matches and keeps the limit', () => {
    const ranked = rankMatches(
      [
        candidate('name-and-postcode', { nameSimilarity: 1, postcode: true }), // 0.5 possible
        candidate('nothing', { nameSimilarity: 0.1 }),
        candidate('misspelt-and-dob', { nameSimilarity: 0.45, dateOfBirth: true }), // 0.48 strong
        candidate('exact-and-dob', { nameSimilarity: 1, dateOfBirth: true }), // 0.7 strong
        candidate('postcode-only', { postcode: true }), // 0.1 possible
      ],
      3,
    );
    expect(ranked.map(({ item }) => item)).toEqual([
      'exact-and-dob',
      'misspelt-and-dob',
      'name-and-postcode',
    ]);
  });

  it('orders equal scores the same way every time', () => {
    const input = [
      candidate('b', { postcode: true }),
      candidate('a', { postcode: true }),
      candidate('c', { postcode: true }),
    ];
    expect(rankMatches(input, 10).map(({ item }) => item)).toEqual(['a', 'b', 'c']);
    expect(rankMatches([...input].reverse(), 10).map(({ item }) => item)).toEqual(['a', 'b', 'c']);
  });
});
