import {
  ageOn,
  recommend,
  scoreService,
  type CandidateService,
  type RecommendationContext,
} from '../../src/triage/recommendations.js';

const LABELS = new Map([
  ['money', 'Money and debt'],
  ['money.debt', 'Debt advice'],
  ['food', 'Food poverty'],
  ['digital', 'Digital exclusion'],
  ['digital.device', 'No device'],
]);

/** A person in Leyland Central, aged 40, with a severe debt problem and no food. */
const context: RecommendationContext = {
  needs: [
    { code: 'money.debt', severity: 3 },
    { code: 'food', severity: 1 },
  ],
  needLabels: LABELS,
  place: [
    { code: 'RV-LEY-C', name: 'Leyland Central', local: true },
    { code: 'RV-LEY', name: 'Leyland', local: true },
    { code: 'RV', name: 'Ribble Vale', local: false },
  ],
  age: 40,
};

let sequence = 0;
function service(name: string, fields: Partial<CandidateService> = {}): CandidateService {
  sequence += 1;
  return {
    id: `00000000-0000-4000-8000-${String(sequence).padStart(12, '0')}`,
    name,
    organisationId: '10000000-0000-4000-8000-000000000001',
    organisationName: 'Leyland Advice Centre',
    acceptingReferrals: true,
    needCodes: [],
    areaCodes: ['RV'],
    minimumAge: null,
    maximumAge: null,
    responseTargetHours: null,
    capacityAvailable: null,
    ...fields,
  };
}

describe('scoring a service for a case', () => {
  it('weighs an exact need by its severity and says what fits in words a handler reads', () => {
    const debtClinic = service('Leyland debt clinic', {
      needCodes: ['money.debt'],
      areaCodes: ['RV-LEY-C'],
      minimumAge: 18,
      capacityAvailable: 4,
      responseTargetHours: 48,
    });
    // 10 x severity 3 + 6 local + 1 (4 places) + 2 (within 48 hours).
    expect(scoreService(debtClinic, context)).toEqual({
      score: 39,
      reasons: [
        'Debt advice (money.debt)',
        'covers Leyland Central',
        'accepts 18+',
        '4 places left',
        'responds within 48 hours',
      ],
    });
  });

  it('weighs a related need less, and says how it is related', () => {
    const moneyWide = service('Money help', { needCodes: ['money'] });
    // 4 x severity 3 + 1 (does not count places).
    expect(scoreService(moneyWide, context)).toEqual({
      score: 13,
      reasons: [
        'Money and debt (money), related to Debt advice (money.debt)',
        'covers all of Ribble Vale',
      ],
    });
    const specialist = scoreService(service('Device loans', { needCodes: ['digital.device'] }), {
      ...context,
      needs: [{ code: 'digital', severity: 2 }],
    });
    expect(specialist?.reasons[0]).toBe(
      'No device (digital.device), related to Digital exclusion (digital)',
    );
    expect(specialist?.score).toBe(4 * 2 + 1);
  });

  it('adds up every case need a service offers', () => {
    const both = scoreService(
      service('Advice and pantry', { needCodes: ['food', 'money.debt'] }),
      context,
    );
    expect(both?.score).toBe(30 + 10 + 1);
    expect(both?.reasons.slice(0, 2)).toEqual(['Debt advice (money.debt)', 'Food poverty (food)']);
  });

  it('names the most local area the service covers', () => {
    const sda = scoreService(
      service('Leyland food club', { needCodes: ['food'], areaCodes: ['RV-LEY', 'RV-PEN'] }),
      context,
    );
    expect(sda?.reasons).toContain('covers Leyland');
  });

  it.each([
    ['not accepting referrals', { acceptingReferrals: false }],
    ['full', { capacityAvailable: 0 }],
    ['in another area', { areaCodes: ['RV-PEN'] }],
    ['for younger people', { minimumAge: 11, maximumAge: 19 }],
    ['for older people', { minimumAge: 65 }],
    ['for another need', { needCodes: ['digital.device'] }],
  ] as [string, Partial<CandidateService>][])('leaves out a service %s', (_case, fields) => {
    expect(
      scoreService(service('Left out', { needCodes: ['money.debt'], ...fields }), context),
    ).toBeNull();
  });

  it('does not filter on what is not recorded, and says what to check', () => {
    const unknownPerson = { ...context, place: null, age: null };
    const result = scoreService(
      service('Over 18s debt line', {
        needCodes: ['money.debt'],
        areaCodes: ['RV-PEN'],
        minimumAge: 18,
        maximumAge: 64,
      }),
      unknownPerson,
    );
    expect(result?.reasons).toEqual([
      'Debt advice (money.debt)',
      'accepts ages 18 to 64 (age not recorded: check)',
    ]);
  });

  it('gives more for more places and a faster response', () => {
    const score = (fields: Partial<CandidateService>) =>
      scoreService(service('x', { needCodes: ['food'], ...fields }), context)?.score;
    expect(score({ capacityAvailable: 1 })).toBe(10 + 1);
    expect(score({ capacityAvailable: 5 })).toBe(10 + 2);
    expect(score({ capacityAvailable: 12 })).toBe(10 + 3);
    expect(score({ responseTargetHours: 24 })).toBe(10 + 1 + 3);
    expect(score({ responseTargetHours: 120 })).toBe(10 + 1 + 1);
    expect(score({ responseTargetHours: 240 })).toBe(10 + 1);
    expect(
      scoreService(
        service('x', { needCodes: ['food'], capacityAvailable: 1, responseTargetHours: 1 }),
        context,
      )?.reasons,
    ).toEqual([
      'Food poverty (food)',
      'covers all of Ribble Vale',
      '1 place left',
      'responds within 1 hour',
    ]);
  });
});

describe('ranking the services that fit', () => {
  const directory = [
    service('Money help', { needCodes: ['money'] }),
    service('Leyland debt clinic', {
      needCodes: ['money.debt'],
      areaCodes: ['RV-LEY-C'],
      capacityAvailable: 4,
      responseTargetHours: 48,
    }),
    service('Borough debt line', { needCodes: ['money.debt'] }),
    service('Food bank', {
      needCodes: ['food'],
      areaCodes: ['RV-LEY'],
      capacityAvailable: 20,
      responseTargetHours: 24,
    }),
    service('Full debt service', { needCodes: ['money.debt'], capacityAvailable: 0 }),
    service('Penwortham debt drop-in', { needCodes: ['money.debt'], areaCodes: ['RV-PEN'] }),
  ];

  it('puts the exact, local need first and leaves out what does not fit', () => {
    expect(recommend(directory, context).map((r) => [r.name, r.score])).toEqual([
      ['Leyland debt clinic', 39],
      ['Borough debt line', 31],
      ['Food bank', 22],
      ['Money help', 13],
    ]);
  });

  it('local before borough-wide, for the same need', () => {
    const local = service('Z local debt advice', {
      needCodes: ['money.debt'],
      areaCodes: ['RV-LEY-C'],
    });
    const wide = service('A borough debt advice', {
      needCodes: ['money.debt'],
      capacityAvailable: 50,
      responseTargetHours: 4,
    });
    expect(recommend([wide, local], context).map((r) => r.name)).toEqual([
      'Z local debt advice',
      'A borough debt advice',
    ]);
  });

  it('breaks ties by name, then id, whatever order the directory comes in', () => {
    const a = service('Advice', {
      needCodes: ['food'],
      id: 'b0000000-0000-4000-8000-000000000000',
    });
    const b = service('Advice', {
      needCodes: ['food'],
      id: 'a0000000-0000-4000-8000-000000000000',
    });
    const c = service('Bread', { needCodes: ['food'] });
    const first = recommend([c, a, b], context);
    expect(first.map((r) => r.serviceId)).toEqual([b.id, a.id, c.id]);
    expect(recommend([b, c, a], context)).toEqual(first);
    expect(recommend([...directory].reverse(), context)).toEqual(recommend(directory, context));
  });

  it('answers at most ten', () => {
    const many = Array.from({ length: 14 }, (_, index) =>
      service(`Food ${String(index).padStart(2, '0')}`, { needCodes: ['food'] }),
    );
    const answer = recommend(many, context);
    expect(answer).toHaveLength(10);
    expect(answer[9].name).toBe('Food 09');
  });

  it('answers each with its organisation', () => {
    expect(recommend([directory[1]], context)[0]).toMatchObject({
      serviceId: directory[1].id,
      organisation: { id: directory[1].organisationId, name: 'Leyland Advice Centre' },
    });
  });
});

describe('age on a date', () => {
  it('counts whole years, the birthday included', () => {
    expect(ageOn('1986-05-20', '2026-05-19')).toBe(39);
    expect(ageOn('1986-05-20', '2026-05-20')).toBe(40);
    expect(ageOn('2008-02-29', '2026-02-28')).toBe(17);
    expect(ageOn('2008-02-29', '2026-03-01')).toBe(18);
  });
});
