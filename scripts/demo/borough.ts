import type { Role } from '../../src/common/auth/roles.js';

/** The demo borough's partner organisations: the kinds of service a real partnership has. */
export const DEMO_PARTNERS = [
  'Ribble Vale Citizens Advice',
  'Leyland Debt Advice Centre',
  'Ribble Vale Food Bank',
  'Age UK Ribble Vale',
  "Ribble Vale Carers' Centre",
  'Safer Homes Domestic Abuse Service',
  'Ribble Vale Council Housing Options',
  'Ribble Vale Council Homelessness Team',
  'Ribble Vale Council Benefits Service',
  'Lancashire Community Mental Health Team',
  'Ribble Vale Mind',
  'Lancashire Fire and Rescue Home Fire Safety',
  'Ribble Vale Digital Inclusion Partnership',
  'Good Neighbours Befriending Service',
  'Ribble Vale Employment and Skills Hub',
  'Warm Homes Energy Advice',
  "Young People's Support Service",
  'Ribble Vale Police Neighbourhood Team',
  'Recovery Steps Substance Misuse Service',
  'Ribble Vale Social Prescribing Service',
  'Care and Repair Home Improvement Agency',
] as const;

export type DemoPartner = (typeof DEMO_PARTNERS)[number];

export interface DemoOrganisationDetails {
  /** What the organisation does (Open Referral UK requires it). */
  description: string;
  /** Its web domain, under example.org: the website is https://www.<domain>/. */
  domain: string;
  /** The local part of its general email address, at its domain. */
  email: string;
}

/** The front door's own details, used when the seed creates it. */
export const DEMO_FRONT_DOOR: DemoOrganisationDetails = {
  description:
    "Ribble Vale's single point of contact for residents who need help: trained call handlers listen to the whole situation, give advice, and signpost or refer to the right partner services.",
  domain: 'onefrontdoor.ribblevale.example.org',
  email: 'hello',
};

/** Each partner's description, web domain and general email address. */
export const DEMO_PARTNER_DETAILS: Record<DemoPartner, DemoOrganisationDetails> = {
  'Ribble Vale Citizens Advice': {
    description:
      'Free, confidential and impartial advice on benefits, debt, housing, employment, consumer and family problems for everyone who lives or works in Ribble Vale. An independent local charity and member of the national Citizens Advice network.',
    domain: 'rvcitizensadvice.example.org',
    email: 'advice',
  },
  'Leyland Debt Advice Centre': {
    description:
      'A local charity giving free, regulated debt advice: budgets, negotiating with creditors, stopping enforcement action, Breathing Space, Debt Relief Orders and other debt solutions.',
    domain: 'leylanddebtadvice.example.org',
    email: 'help',
  },
  'Ribble Vale Food Bank': {
    description:
      'Emergency food parcels for people in crisis, a low-cost community pantry, and deliveries to housebound residents, run by volunteers from local churches and community groups.',
    domain: 'rvfoodbank.example.org',
    email: 'info',
  },
  'Age UK Ribble Vale': {
    description:
      'Information, advice and practical support for older people and their families: benefit checks, help at home after hospital, a day centre and digital skills for later life.',
    domain: 'ageukribblevale.example.org',
    email: 'enquiries',
  },
  "Ribble Vale Carers' Centre": {
    description:
      "Support for unpaid carers of all ages: carer's assessments, advice, emotional support, breaks and a young carers service.",
    domain: 'rvcarers.example.org',
    email: 'support',
  },
  'Safer Homes Domestic Abuse Service': {
    description:
      'Specialist domestic abuse support: a 24-hour helpline, independent domestic violence advisers for people at high risk, community outreach, recovery groups and safe accommodation.',
    domain: 'saferhomes.example.org',
    email: 'referrals',
  },
  'Ribble Vale Council Housing Options': {
    description:
      "The council's housing advice team: housing options, the housing register, private renting and tenancy relations, and the sanctuary scheme.",
    domain: 'ribblevale-council.example.org',
    email: 'housingoptions',
  },
  'Ribble Vale Council Homelessness Team': {
    description:
      "The council's statutory homelessness service: prevention and relief duties, emergency accommodation, an out-of-hours line and rough sleeper outreach.",
    domain: 'ribblevale-council.example.org',
    email: 'homelessness',
  },
  'Ribble Vale Council Benefits Service': {
    description:
      'Housing Benefit, Council Tax Support, Discretionary Housing Payments and the Household Support Fund.',
    domain: 'ribblevale-council.example.org',
    email: 'benefits',
  },
  'Lancashire Community Mental Health Team': {
    description:
      "The NHS trust's community mental health services for Ribble Vale: the adult community mental health team and the 24-hour mental health crisis line.",
    domain: 'lancashire-mentalhealth.example.org',
    email: 'ribblevale.cmht',
  },
  'Ribble Vale Mind': {
    description:
      'A local mental health charity: counselling, wellbeing support, peer support groups and an evening safe haven for adults.',
    domain: 'ribblevalemind.example.org',
    email: 'hello',
  },
  'Lancashire Fire and Rescue Home Fire Safety': {
    description:
      'Free home fire safety checks, smoke alarms and fire risk reduction for people most at risk of fire at home.',
    domain: 'lancsfire.example.org',
    email: 'homesafety',
  },
  'Ribble Vale Digital Inclusion Partnership': {
    description:
      'Helps people get online: device loans, free mobile data and digital skills help from volunteer digital champions.',
    domain: 'rvdigital.example.org',
    email: 'getonline',
  },
  'Good Neighbours Befriending Service': {
    description:
      'Volunteers who reduce loneliness and isolation: telephone and face-to-face befriending, lunch clubs and social groups in the rural villages.',
    domain: 'goodneighbours-rv.example.org',
    email: 'befriending',
  },
  'Ribble Vale Employment and Skills Hub': {
    description:
      'Free employment coaching, adult skills courses and work and health support for people out of work or in insecure work.',
    domain: 'rvemploymenthub.example.org',
    email: 'jobs',
  },
  'Warm Homes Energy Advice': {
    description:
      "Free, impartial energy advice: bills and tariffs, energy debt, home energy visits, insulation and heating grants, and the borough's warm spaces.",
    domain: 'warmhomesadvice.example.org',
    email: 'advice',
  },
  "Young People's Support Service": {
    description:
      'Youth work, mentoring, emotional wellbeing support and homelessness prevention for young people aged 11 to 25.',
    domain: 'ypss-ribblevale.example.org',
    email: 'talk',
  },
  'Ribble Vale Police Neighbourhood Team': {
    description:
      'Neighbourhood officers and PCSOs for Ribble Vale: anti-social behaviour, local crime, community concerns, and protection from scams and doorstep crime.',
    domain: 'lancspolice.example.org',
    email: 'ribblevale.neighbourhood',
  },
  'Recovery Steps Substance Misuse Service': {
    description:
      'Free, confidential drug and alcohol treatment and recovery for adults and young people, and support for their families.',
    domain: 'recoverysteps.example.org',
    email: 'recovery',
  },
  'Ribble Vale Social Prescribing Service': {
    description:
      "Social prescribing link workers for the borough's GP practices, connecting people with community groups, activities and practical support; runs the Bamber Bridge Community Hub.",
    domain: 'rvsocialprescribing.example.org',
    email: 'linkworkers',
  },
  'Care and Repair Home Improvement Agency': {
    description:
      'Helps older and disabled people live safely at home: a handyperson service, Disabled Facilities Grant adaptations and hospital discharge support.',
    domain: 'careandrepair-rv.example.org',
    email: 'office',
  },
};

/** Shared by every demo login; listed in the README. Demo data only, never a real borough. */
export const DEMO_PASSWORD = 'ribble vale demo 2026';

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  /** The partner organisation of a partner user; everyone else works at the front door. */
  partner?: DemoPartner;
}

export const DEMO_USERS: DemoUser[] = [
  { email: 'admin@demo.onefrontdoor.example', name: 'Alex Morgan', role: 'admin' },
  { email: 'teamlead@demo.onefrontdoor.example', name: 'Priya Shah', role: 'team_lead' },
  { email: 'handler@demo.onefrontdoor.example', name: 'Sam Okafor', role: 'call_handler' },
  { email: 'caseworker@demo.onefrontdoor.example', name: 'Jo Whittaker', role: 'caseworker' },
  {
    email: 'partner@demo.onefrontdoor.example',
    name: 'Chris Holden',
    role: 'partner',
    partner: 'Ribble Vale Citizens Advice',
  },
];
