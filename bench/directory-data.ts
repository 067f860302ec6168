/**
 * A large service directory for the search benchmark: 2,000 partner organisations and 10,000
 * services, generated from a seeded pseudo-random sequence, so every run has the same directory.
 *
 * What search sees is shaped like a real borough's directory: needs from config/taxonomy.json with
 * a realistic skew (debt, benefits, housing and mental health common; digital connection rare),
 * one to three per service, parents and children mixed; one or two service areas from
 * config/areas.json (about 15% borough-wide, the rest wards or service delivery areas); age
 * limits on some; capacity counted on some, and full on some of those; a few not accepting
 * referrals or not active; weekly opening times on most; and names and descriptions built from the
 * vocabulary a directory uses ("debt advice", "food bank", "befriending", ...), so that full-text
 * and trigram search meet common words ("advice", "support") and rare ones ("befriending") alike.
 *
 * Rows go in with one multi-row statement per table (arrays through `unnest`), then VACUUM ANALYZE.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type pg from 'pg';
import { projectRoot } from '../src/common/project-root.js';
import { uuidV5 } from '../src/service-directory/hsds/ids.js';

export const DIRECTORY_ORGANISATIONS = 2_000;
export const DIRECTORY_SERVICES = 10_000;

/** The namespace of the generated ids; each run's ids also depend on its `unique` tag. */
const BENCH_DIRECTORY_NAMESPACE = 'c0b4f5a2-6d1e-4a8b-9f3c-2e7d5a1b8c40';
const PRNG_SEED = 20_261_123;

/** mulberry32: a small, fast, seeded generator of numbers in [0, 1). */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

interface Topic {
  /** What such a service offers, in a phrase, e.g. "debt advice". */
  leads: readonly string[];
  /** How often it is a service's main need, relative to the others. */
  weight: number;
  /** Names of a service about it, e.g. "Debt Advice". */
  names: readonly string[];
  /** What such a service does, as phrases for its description. */
  phrases: readonly string[];
  /** Needs that often come with it. */
  related: readonly string[];
}

/**
 * Vocabulary for each need code. A code of the taxonomy not listed here (one a council added)
 * gets a small generic vocabulary from its label, with a low weight.
 */
const TOPICS: Readonly<Record<string, Topic>> = {
  'money.debt': {
    leads: ['debt advice', 'help with debts', 'money and debt advice'],
    weight: 10,
    names: ['Debt Advice', 'Debt Help', 'Money and Debt Advice', 'Debt Solutions', 'Debt Casework'],
    phrases: [
      'help with council tax arrears',
      'rent arrears and priority debts',
      'negotiating with creditors',
      'bailiff and enforcement action',
      'Debt Relief Orders and bankruptcy',
      'Breathing Space applications',
      'energy debt',
      'county court claims',
    ],
    related: ['money.benefits', 'money.budgeting', 'wellbeing.mental_health', 'housing.tenancy'],
  },
  'money.benefits': {
    leads: ['benefit advice', 'welfare benefits advice', 'help to claim benefits'],
    weight: 10,
    names: ['Benefit Advice', 'Welfare Rights', 'Benefits Check', 'Help to Claim', 'Benefits Help'],
    phrases: [
      'Council Tax Support',
      'Universal Credit claims',
      'PIP and disability benefits',
      'full benefit checks',
      'mandatory reconsiderations and appeals',
      'Pension Credit and Attendance Allowance',
      "Carer's Allowance",
      'help filling in forms',
    ],
    related: ['money.debt', 'older_people', 'carers', 'health'],
  },
  'money.budgeting': {
    leads: ['money skills support', 'budgeting help'],
    weight: 3,
    names: ['Money Skills', 'Budgeting Support', 'Money Management', 'Financial Wellbeing'],
    phrases: [
      'budgeting and money management',
      'opening a bank account',
      'avoiding loan sharks',
      'saving with the credit union',
      'making money go further',
    ],
    related: ['money.debt', 'food', 'fuel'],
  },
  'housing.homelessness': {
    leads: ['homelessness support', 'help for people who are homeless or at risk of it'],
    weight: 6,
    names: [
      'Homelessness Prevention',
      'Housing Crisis',
      'Emergency Accommodation',
      'Street Outreach',
    ],
    phrases: [
      'homelessness prevention',
      'emergency accommodation',
      'people sleeping rough',
      'eviction notices',
      'sofa surfing',
      'supported housing',
      'personalised housing plans',
    ],
    related: ['housing.tenancy', 'substance_misuse', 'wellbeing.mental_health', 'money.benefits'],
  },
  'housing.repairs': {
    leads: ['home repairs and adaptations', 'handyperson help'],
    weight: 4,
    names: ['Handyperson', 'Home Adaptations', 'Repairs and Adaptations', 'Care and Repair'],
    phrases: [
      'small repairs',
      'grab rails and key safes',
      'Disabled Facilities Grants',
      'damp and mould',
      'level-access showers and stairlifts',
      'home adaptations',
    ],
    related: ['older_people', 'health', 'safety.home_safety', 'fuel'],
  },
  'housing.tenancy': {
    leads: ['housing advice', 'tenancy support'],
    weight: 5,
    names: ['Tenancy Support', 'Housing Advice', 'Private Renting Advice', 'Tenancy Sustainment'],
    phrases: [
      'finding somewhere to live',
      'keeping a tenancy',
      'problems with a landlord',
      'section 21 notices',
      'setting up a new home',
      'the housing register',
    ],
    related: ['housing.homelessness', 'money.debt', 'money.benefits'],
  },
  food: {
    leads: ['food support', 'food bank help', 'community food provision'],
    weight: 6,
    names: ['Food Bank', 'Community Pantry', 'Food Club', 'Community Fridge', 'Lunch Club'],
    phrases: [
      'emergency food parcels',
      'food bank vouchers',
      'a low-cost community pantry',
      'fresh fruit and vegetables',
      'hot meals',
      'toiletries and baby items',
      'holiday hunger meals for children',
    ],
    related: ['money', 'fuel', 'wellbeing.loneliness', 'children_young_people'],
  },
  fuel: {
    leads: ['energy advice', 'help to keep warm'],
    weight: 5,
    names: ['Energy Advice', 'Warm Homes', 'Warm Space', 'Fuel Poverty Support'],
    phrases: [
      'understanding energy bills',
      'prepayment meters and emergency credit',
      'the Warm Home Discount',
      'insulation and heating grants',
      'a warm space with hot drinks',
      'fuel vouchers',
      'the Priority Services Register',
    ],
    related: ['money.debt', 'housing.repairs', 'wellbeing.loneliness', 'older_people'],
  },
  'wellbeing.mental_health': {
    leads: ['mental health support', 'counselling and wellbeing support', 'emotional support'],
    weight: 9,
    names: [
      'Counselling',
      'Mental Health Support',
      'Wellbeing Service',
      'Crisis Café',
      'Talking Therapies',
    ],
    phrases: [
      'anxiety and depression',
      'stress and low mood',
      'a safe haven in a crisis',
      'talking therapies',
      'bereavement support',
      'self-harm',
      'peer support',
    ],
    related: ['wellbeing.loneliness', 'substance_misuse', 'money.debt', 'employment'],
  },
  'wellbeing.loneliness': {
    leads: ['befriending', 'support for people who feel lonely', 'social activities'],
    weight: 6,
    names: [
      'Befriending',
      'Social Groups',
      'Friendship Café',
      'Good Neighbours',
      'Community Connectors',
    ],
    phrases: [
      'telephone befriending',
      'a weekly friendly phone call',
      'social groups and coffee mornings',
      'loneliness and isolation',
      'home visits by volunteers',
      'getting out and about',
    ],
    related: ['older_people', 'wellbeing.mental_health', 'carers', 'food'],
  },
  'safety.domestic_abuse': {
    leads: ['domestic abuse support', 'support for survivors of domestic abuse'],
    weight: 4,
    names: ['Domestic Abuse Support', 'IDVA Service', 'Safe Accommodation', 'Freedom Programme'],
    phrases: [
      'risk assessment',
      'safety planning',
      'independent domestic violence advisers',
      'refuge and safe accommodation',
      'non-molestation orders',
      'coercive control',
      'recovery groups for survivors',
    ],
    related: ['housing.homelessness', 'wellbeing.mental_health', 'children_young_people'],
  },
  'safety.home_safety': {
    leads: ['home safety support', 'fire safety advice'],
    weight: 2,
    names: ['Home Fire Safety', 'Safe and Well Visits', 'Home Safety Checks'],
    phrases: [
      'home fire safety checks',
      'free smoke alarms',
      'escape plans',
      'falls prevention',
      'carbon monoxide alarms',
    ],
    related: ['older_people', 'housing.repairs'],
  },
  carers: {
    leads: ['support for carers', "carers' support"],
    weight: 4,
    names: ["Carers' Support", 'Young Carers', "Carers' Breaks", "Carers' Centre"],
    phrases: [
      'advice for unpaid carers',
      "carer's assessments",
      'short breaks',
      "carers' groups",
      'emergency planning for carers',
      'young carers',
    ],
    related: ['money.benefits', 'wellbeing', 'older_people', 'children_young_people'],
  },
  older_people: {
    leads: ['support for older people', 'later life support'],
    weight: 5,
    names: ["Older People's Advice", 'Day Centre', 'Later Life Support', 'Home from Hospital'],
    phrases: [
      'benefit checks for pensioners',
      'help at home after hospital',
      'a day centre with lunch',
      'later life planning',
      'dementia support',
      'power of attorney',
    ],
    related: ['wellbeing.loneliness', 'money.benefits', 'health', 'housing.repairs'],
  },
  children_young_people: {
    leads: ['support for children and young people', 'youth support', 'family support'],
    weight: 4,
    names: ['Youth Support', 'Family Support', 'Youth Club', 'Mentoring', 'Early Help'],
    phrases: [
      'one-to-one support',
      'youth work and mentoring',
      'family support',
      'parenting',
      'school holiday activities',
      'children at risk of exploitation',
    ],
    related: ['wellbeing.mental_health', 'food', 'carers', 'housing.homelessness'],
  },
  employment: {
    leads: ['employment support', 'help into work', 'skills training'],
    weight: 4,
    names: ['Employment Support', 'Job Club', 'Skills Hub', 'Work and Health', 'Careers Advice'],
    phrases: [
      'job search',
      'CVs and interview practice',
      'English and maths courses',
      'apprenticeships',
      'volunteering as a step to work',
      'staying in work with a health condition',
    ],
    related: ['digital.skills', 'money.benefits', 'wellbeing.mental_health'],
  },
  'digital.device': {
    leads: ['device lending'],
    weight: 1,
    names: ['Device Lending', 'Tech Loan'],
    phrases: ['a loan of a laptop or tablet', 'refurbished devices', 'gifted devices'],
    related: ['digital.connection', 'digital.skills', 'employment'],
  },
  'digital.connection': {
    leads: ['help to get connected'],
    weight: 1,
    names: ['Free Data', 'Get Connected'],
    phrases: ['free mobile data SIM cards', 'free Wi-Fi', 'low-cost broadband'],
    related: ['digital.device', 'digital.skills'],
  },
  'digital.skills': {
    leads: ['digital skills help'],
    weight: 2,
    names: ['Digital Skills', 'Digital Champions', 'Get Online'],
    phrases: [
      'getting online',
      'using a smartphone or tablet',
      'online banking safely',
      'the NHS App',
      'spotting scams',
    ],
    related: ['digital', 'older_people', 'employment', 'money.benefits'],
  },
  health: {
    leads: ['health and wellbeing activities', 'social prescribing'],
    weight: 4,
    names: ['Health Walks', 'Healthy Lifestyles', 'Social Prescribing', 'Stop Smoking'],
    phrases: [
      'health walks',
      'gentle exercise',
      'stopping smoking',
      'long-term conditions',
      'healthy eating',
    ],
    related: ['wellbeing.loneliness', 'older_people', 'wellbeing.mental_health'],
  },
  substance_misuse: {
    leads: ['drug and alcohol support', 'recovery support'],
    weight: 3,
    names: ['Drug and Alcohol Service', 'Recovery Café', 'Alcohol Support'],
    phrases: [
      'drug and alcohol recovery',
      'alcohol detox',
      'needle exchange and naloxone',
      'recovery groups',
      'support for families',
    ],
    related: ['wellbeing.mental_health', 'housing.homelessness', 'health'],
  },
};

const KINDS = [
  'Service',
  'Drop-in',
  'Project',
  'Helpline',
  'Hub',
  'Group',
  'Clinic',
  'Programme',
  'Team',
  'Line',
  'Network',
  'Sessions',
];
/** A name that already ends like a kind of service ("Food Bank", "Skills Hub") gets no other. */
const KIND_ENDING =
  /\b(Bank|Café|Centre|Club|Fridge|Help|Hub|Pantry|Programme|Service|Space|Team)$/;
const OPENERS = [
  'Free, confidential',
  'Friendly',
  'Practical',
  'Specialist',
  'Local',
  'Independent',
  'Volunteer-led',
];
const DELIVERY = [
  'Drop in without an appointment or call to book.',
  'Appointments by phone, video or in person.',
  'Home visits for people who cannot get out.',
  'Referral through One Front Door, a professional, or self-referral.',
  'Evening and weekend sessions available.',
  'Run by trained staff and volunteers.',
  'Interpreters available on request.',
  'A waiting list may apply at busy times.',
];
const ORGANISATION_KINDS = [
  'Community Trust',
  'Advice Centre',
  'Community Association',
  'Support Network',
  'Charity',
  'Partnership',
  'Foundation',
  'Community Interest Company',
  'Residents Association',
  'Church Project',
];
const WEEKLY = [
  { byday: 'MO,TU,WE,TH,FR', opens: '09:00', closes: '17:00', weight: 10 },
  { byday: 'MO,TU,WE,TH,FR', opens: '09:30', closes: '16:30', weight: 5 },
  { byday: 'MO,WE,FR', opens: '10:00', closes: '14:00', weight: 4 },
  { byday: 'TU,TH', opens: '09:30', closes: '12:30', weight: 4 },
  { byday: 'TU', opens: '18:00', closes: '20:00', weight: 2 },
  { byday: 'TH', opens: '17:00', closes: '21:00', weight: 2 },
  { byday: 'SA', opens: '10:00', closes: '13:00', weight: 2 },
  { byday: 'SA,SU', opens: '11:00', closes: '15:00', weight: 1 },
  { byday: 'MO,TU,WE,TH,FR,SA,SU', opens: '08:00', closes: '20:00', weight: 1 },
  { byday: 'MO,TU,WE,TH,FR,SA,SU', opens: '00:00', closes: '23:59:59', weight: 1 },
] as const;

interface TaxonomyFile {
  terms: { code: string; label: string; parent?: string }[];
}
interface AreasFile {
  district: { code: string; name: string };
  serviceDeliveryAreas: { code: string; name: string; wards: { code: string; name: string }[] }[];
}

function readConfig<T>(file: string): T {
  return JSON.parse(readFileSync(join(projectRoot(), 'config', file), 'utf8')) as T;
}

export interface DirectoryData {
  organisations: number;
  services: number;
  serviceNeeds: number;
  serviceAreas: number;
  schedules: number;
  /** Wall-clock seconds the inserts and VACUUM ANALYZE took. */
  seconds: number;
}

/**
 * Inserts the benchmark's directory into `db` (as the tables' owner), then VACUUM ANALYZE. Names are
 * unique within the run through `unique`; everything else is the same on every run.
 */
export async function seedDirectory(
  db: pg.Pool,
  unique: (prefix: string) => string,
): Promise<DirectoryData> {
  const started = Date.now();
  const random = prng(PRNG_SEED);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(random() * items.length)];
  const weighted = <T extends { weight: number }>(items: readonly T[]): T => {
    const total = items.reduce((sum, item) => sum + item.weight, 0);
    let at = random() * total;
    for (const item of items) {
      at -= item.weight;
      if (at < 0) return item;
    }
    return items[items.length - 1];
  };
  const chance = (p: number) => random() < p;
  const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

  const run = unique('directory');
  const namespace = uuidV5(run, BENCH_DIRECTORY_NAMESPACE);
  const id = (kind: string, index: number) => uuidV5(`${kind}:${index}`, namespace);

  // The taxonomy and areas the application loaded from the same files.
  const terms = readConfig<TaxonomyFile>('taxonomy.json').terms;
  const parentOf = new Map(terms.map((term) => [term.code, term.parent ?? null]));
  const topics = terms
    .filter((term) => !terms.some((other) => other.parent === term.code))
    .map((term) => ({
      code: term.code,
      ...(TOPICS[term.code] ?? {
        leads: [term.label.toLowerCase()],
        weight: 1,
        names: [term.label],
        phrases: [term.label.toLowerCase()],
        related: [],
      }),
    }));
  const areasFile = readConfig<AreasFile>('areas.json');
  const district = areasFile.district;
  const sdas = areasFile.serviceDeliveryAreas;
  const wards = sdas.flatMap((sda) => sda.wards);

  // Organisations.
  const organisationIds: string[] = [];
  const organisationNames: string[] = [];
  for (let i = 0; i < DIRECTORY_ORGANISATIONS; i++) {
    organisationIds.push(id('organisation', i));
    const place = chance(0.3) ? district.name : pick(wards).name;
    organisationNames.push(`${place} ${pick(ORGANISATION_KINDS)} ${run}-${i}`);
  }
  await db.query(
    `INSERT INTO organisations (id, name, kind, description, email, website)
     SELECT x.id, x.name, 'partner', 'A partner organisation of the benchmark directory.',
            'info@org' || x.n || '.example.org', 'https://www.org' || x.n || '.example.org'
       FROM unnest($1::uuid[], $2::text[]) WITH ORDINALITY AS x(id, name, n)`,
    [organisationIds, organisationNames],
  );

  // Services and what belongs to them.
  const services = {
    id: [] as string[],
    organisation: [] as string[],
    name: [] as string[],
    description: [] as string[],
    status: [] as string[],
    eligibility: [] as (string | null)[],
    minimumAge: [] as (number | null)[],
    maximumAge: [] as (number | null)[],
    accepting: [] as boolean[],
    responseHours: [] as (number | null)[],
    available: [] as (number | null)[],
    maximum: [] as (number | null)[],
    phone: [] as string[],
  };
  const needs = { service: [] as string[], code: [] as string[] };
  const areas = { service: [] as string[], code: [] as string[] };
  const schedules = {
    service: [] as string[],
    byday: [] as string[],
    opens: [] as string[],
    closes: [] as string[],
  };

  for (let i = 0; i < DIRECTORY_SERVICES; i++) {
    const serviceId = id('service', i);
    // Every organisation has a service; beyond that, a few organisations have many.
    const organisation =
      i < DIRECTORY_ORGANISATIONS ? i : Math.floor(DIRECTORY_ORGANISATIONS * random() ** 2.5);

    const main = weighted(topics);
    const codes = new Set<string>([main.code]);
    const extra = chance(0.45) ? 0 : chance(0.64) ? 1 : 2;
    for (let k = 0; k < extra; k++) {
      const related = main.related.filter((code) => parentOf.has(code));
      codes.add(related.length > 0 && chance(0.75) ? pick(related) : weighted(topics).code);
    }
    // Some services are filed under the broader need (e.g. `money` rather than `money.debt`).
    const filed = [...codes].map((code) => {
      const parent = parentOf.get(code) ?? null;
      return parent !== null && chance(0.18) ? parent : code;
    });
    for (const code of new Set(filed)) {
      needs.service.push(serviceId);
      needs.code.push(code);
    }

    let place = district.name;
    if (chance(0.15)) {
      areas.service.push(serviceId);
      areas.code.push(district.code);
    } else {
      const count = chance(0.3) ? 2 : 1;
      const chosen = new Set<string>();
      for (let k = 0; k < count; k++) {
        if (chance(0.35)) {
          const sda = pick(sdas);
          chosen.add(sda.code);
          if (k === 0) place = sda.name;
        } else {
          const ward = pick(wards);
          chosen.add(ward.code);
          if (k === 0) place = ward.name;
        }
      }
      for (const code of chosen) {
        areas.service.push(serviceId);
        areas.code.push(code);
      }
    }

    let minimumAge: number | null = null;
    let maximumAge: number | null = null;
    let audience = 'Open to everyone in the area.';
    const ages = random();
    if (ages < 0.25) [minimumAge, audience] = [18, 'For adults aged 18 and over.'];
    else if (ages < 0.33) [minimumAge, audience] = [16, 'For anyone aged 16 or over.'];
    else if (ages < 0.39) [minimumAge, audience] = [60, 'For people aged 60 and over.'];
    else if (ages < 0.45) {
      [minimumAge, maximumAge] = pick([
        [11, 19],
        [13, 25],
        [16, 24],
        [8, 17],
      ] as const);
      audience = `For young people aged ${minimumAge} to ${maximumAge}.`;
    } else if (ages < 0.47) {
      [minimumAge, maximumAge, audience] = [18, 64, 'For adults of working age.'];
    }

    const secondary = [...codes].slice(1).map((code) => topics.find((t) => t.code === code));
    const phrases = new Set<string>();
    while (phrases.size < Math.min(3, main.phrases.length)) phrases.add(pick(main.phrases));
    const list = [...phrases];
    const also = secondary
      .filter((topic) => topic !== undefined)
      .map((topic) => pick(topic.phrases));
    const description = [
      `${pick(OPENERS)} ${pick(main.leads)}, including ${list.slice(0, -1).join(', ')} and ${list[list.length - 1]}.`,
      also.length > 0 ? `We can also help with ${also.join(' and ')}.` : '',
      audience,
      pick(DELIVERY),
      chance(0.5) ? pick(DELIVERY) : '',
    ]
      .filter((sentence) => sentence !== '')
      .join(' ');

    let available: number | null = null;
    let maximum: number | null = null;
    if (chance(0.4)) {
      maximum = between(10, 200);
      available = chance(0.25) ? 0 : between(1, maximum);
    }

    services.id.push(serviceId);
    services.organisation.push(organisationIds[organisation]);
    const base = pick(main.names);
    services.name.push(`${place} ${base}${KIND_ENDING.test(base) ? '' : ` ${pick(KINDS)}`}`);
    services.description.push(description);
    services.status.push(
      chance(0.97) ? 'active' : chance(0.66) ? 'temporarily closed' : 'inactive',
    );
    services.eligibility.push(chance(0.8) ? audience : null);
    services.minimumAge.push(minimumAge);
    services.maximumAge.push(maximumAge);
    services.accepting.push(chance(0.92));
    services.responseHours.push(pick([4, 24, 24, 48, 48, 72, 72, 72, 120, 120, null]));
    services.available.push(available);
    services.maximum.push(maximum);
    services.phone.push(`01632 960${String(between(0, 999)).padStart(3, '0')}`);

    if (chance(0.7)) {
      const count = between(1, 3);
      const used = new Set<string>();
      for (let k = 0; k < count; k++) {
        const opening = weighted(WEEKLY);
        const key = `${opening.byday} ${opening.opens}`;
        if (used.has(key)) continue;
        used.add(key);
        schedules.service.push(serviceId);
        schedules.byday.push(opening.byday);
        schedules.opens.push(opening.opens);
        schedules.closes.push(opening.closes);
      }
    }
  }

  await db.query(
    `INSERT INTO services (id, organisation_id, receiving_organisation_id, name, description, url,
                           email, status, eligibility_description, minimum_age, maximum_age,
                           accepting_referrals, response_target_hours, capacity_available,
                           capacity_maximum)
     SELECT x.id, x.organisation_id, x.organisation_id, x.name, x.description,
            'https://www.service' || x.n || '.example.org', 'referrals@service' || x.n || '.example.org',
            x.status::service_status, x.eligibility, x.minimum_age, x.maximum_age, x.accepting,
            x.response_hours, x.available, x.maximum
       FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[], $6::text[],
                   $7::int[], $8::int[], $9::boolean[], $10::int[], $11::int[], $12::int[])
            WITH ORDINALITY AS x(id, organisation_id, name, description, status, eligibility,
                                 minimum_age, maximum_age, accepting, response_hours, available,
                                 maximum, n)`,
    [
      services.id,
      services.organisation,
      services.name,
      services.description,
      services.status,
      services.eligibility,
      services.minimumAge,
      services.maximumAge,
      services.accepting,
      services.responseHours,
      services.available,
      services.maximum,
    ],
  );
  await db.query(
    `INSERT INTO service_needs (service_id, need_code) SELECT * FROM unnest($1::uuid[], $2::text[])`,
    [needs.service, needs.code],
  );
  await db.query(
    `INSERT INTO service_areas (service_id, area_code, name)
     SELECT x.service_id, a.code, a.name
       FROM unnest($1::uuid[], $2::text[]) AS x(service_id, code) JOIN areas a ON a.code = x.code`,
    [areas.service, areas.code],
  );
  await db.query(
    `INSERT INTO phones (service_id, number, type) SELECT x.id, x.number, 'voice' FROM unnest($1::uuid[], $2::text[]) AS x(id, number)`,
    [services.id, services.phone],
  );
  await db.query(
    `INSERT INTO schedules (service_id, freq, interval, byday, opens_at, closes_at)
     SELECT x.service_id, 'WEEKLY', 1, x.byday, x.opens::time, x.closes::time
       FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[]) AS x(service_id, byday, opens, closes)`,
    [schedules.service, schedules.byday, schedules.opens, schedules.closes],
  );
  // VACUUM too: the triggers that keep need and area codes on services leave a dead version of
  // each row behind, which autovacuum would clear within a minute in a running directory.
  await db.query('VACUUM ANALYZE');
  return {
    organisations: DIRECTORY_ORGANISATIONS,
    services: DIRECTORY_SERVICES,
    serviceNeeds: needs.code.length,
    serviceAreas: areas.code.length,
    schedules: schedules.service.length,
    seconds: (Date.now() - started) / 1000,
  };
}
