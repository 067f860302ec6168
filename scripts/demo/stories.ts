import type { ContactChannel } from '../../src/intake/contacts/contact.entity.js';
import type { SharedField } from '../../src/referral/referral-snapshot.js';
import type {
  DeclineReason,
  ReferralAction,
  ReferralOutcome,
} from '../../src/referral/referral-states.js';
import type { DemoArea, DemoNeed } from './services.js';

/**
 * The demo borough's front-door work: residents who got in touch, each with their consent answer,
 * the contact, a triaged case, and referrals to partner services that have gone on to every state
 * of the lifecycle: waiting (one of them flagged overdue), accepted, declined and re-routed, in
 * progress, on hold, completed and withdrawn, and one sent without consent on a team lead's
 * override. Times are hours before the first run of the seed. Fictional throughout: telephone
 * numbers from the ranges Ofcom keeps for drama, postcodes chosen to fall in the wards given.
 */

/** A partner's action on a referral, or the front door's withdrawal. */
export interface DemoAction {
  action: ReferralAction;
  /** Hours after the referral was sent. */
  afterHours: number;
  notes?: string;
  declineReason?: DeclineReason;
  outcome?: ReferralOutcome;
}

export interface DemoReferral {
  /** Stable key, unique among all the stories' referrals: its id is derived from it. */
  key: string;
  /** The DEMO_SERVICES key of the service referred to. */
  service: string;
  reason: string;
  /** What of the person's record the partner sees (minimum necessary). */
  shared: SharedField[];
  /** Hours after the triage it was sent. */
  sentAfterHours: number;
  /**
   * A team lead's reason to share without consent: the team lead sends it. Otherwise the call
   * handler sends it, on the person's consent.
   */
  consentOverride?: string;
  /** The key of the declined referral, of the same story, that this one re-routes. */
  replaces?: string;
  /** Nobody answered: flagged overdue by the sweeper a few minutes after it fell due. */
  overdue?: true;
  /** In order; none leaves it waiting (`sent`). */
  actions: DemoAction[];
}

export interface DemoStory {
  /** Stable key: the ids of the person, consent, case, contact and triage are derived from it. */
  key: string;
  person: {
    firstName: string;
    lastName: string;
    preferredName?: string;
    dateOfBirth: string;
    phone: string;
    email?: string;
    address: string;
    postcode: string;
    language?: string;
    communicationNeeds?: string;
    /** The ward the postcode is in: the seed refuses a postcode that places the person elsewhere. */
    ward: DemoArea;
  };
  /** The answer on the call: consent to share with all partners, or none recorded. */
  consent: 'all_partners' | 'none';
  contact: {
    /** When it started, in hours before the seed ran. */
    hoursAgo: number;
    channel: ContactChannel;
    reason: string;
    notes?: string;
    caller?: { name: string; relationship: string; organisation?: string };
  };
  /** Triaged ten minutes after the contact started; the priority comes from the triage rules. */
  triage: {
    needs: { code: DemoNeed; severity: 1 | 2 | 3 }[];
    risks: string[];
    safeguarding?: boolean;
    notes?: string;
  };
  referrals: DemoReferral[];
}

export const DEMO_STORIES: readonly DemoStory[] = [
  {
    key: 'margaret-haworth',
    person: {
      firstName: 'Margaret',
      lastName: 'Haworth',
      dateOfBirth: '1957-03-14',
      phone: '01632 960412',
      address: '14 Towngate, Leyland',
      postcode: 'PR25 2LB',
      ward: 'RV-LEY-C',
    },
    consent: 'all_partners',
    contact: {
      hoursAgo: 5,
      channel: 'phone',
      reason: 'Behind on council tax and water since her husband died; a summons has arrived',
      notes: 'Prefers calls after 10am. Has the summons letter to hand.',
    },
    triage: { needs: [{ code: 'money.debt', severity: 2 }], risks: [] },
    referrals: [
      {
        key: 'margaret-haworth/debt-casework',
        service: 'citizens-advice-debt-casework',
        reason:
          'Council tax arrears with a court summons, and water arrears. Wants help to agree payment plans she can afford.',
        shared: ['name', 'phone', 'needs'],
        sentAfterHours: 0.5,
        actions: [],
      },
    ],
  },
  {
    key: 'daniel-whittle',
    person: {
      firstName: 'Daniel',
      lastName: 'Whittle',
      dateOfBirth: '1988-11-02',
      phone: '07700 900218',
      address: '3 Moss Lane, Leyland',
      postcode: 'PR25 4AB',
      ward: 'RV-LEY-S',
    },
    consent: 'all_partners',
    contact: {
      hoursAgo: 120,
      channel: 'phone',
      reason: 'Lost his job; needs to claim Universal Credit and has no internet at home',
    },
    triage: {
      needs: [
        { code: 'money.benefits', severity: 2 },
        { code: 'digital.connection', severity: 1 },
      ],
      risks: [],
    },
    referrals: [
      {
        key: 'daniel-whittle/help-to-claim',
        service: 'citizens-advice-help-to-claim',
        reason: 'Needs to make a Universal Credit claim this week; no internet or laptop at home.',
        shared: ['name', 'phone', 'needs'],
        sentAfterHours: 0.5,
        overdue: true,
        actions: [],
      },
    ],
  },
  {
    key: 'aisha-begum',
    person: {
      firstName: 'Aisha',
      lastName: 'Begum',
      dateOfBirth: '1992-06-25',
      phone: '07700 900571',
      email: 'aisha.begum@example.org',
      address: '27 Station Road, Bamber Bridge, Preston',
      postcode: 'PR5 6AA',
      ward: 'RV-BAM-B',
      language: 'Bengali',
    },
    consent: 'all_partners',
    contact: {
      hoursAgo: 72,
      channel: 'phone',
      reason:
        'Section 21 notice from her landlord; housing benefit stopped after a change of address',
      notes: 'Spoke in English; would like an interpreter for anything in writing.',
    },
    triage: {
      needs: [
        { code: 'money.benefits', severity: 2 },
        { code: 'housing.tenancy', severity: 2 },
      ],
      risks: [],
    },
    referrals: [
      {
        key: 'aisha-begum/advice-line',
        service: 'citizens-advice-line',
        reason:
          'Check whether the section 21 notice is valid, and help to restart her housing benefit.',
        shared: ['name', 'phone', 'email', 'language', 'needs'],
        sentAfterHours: 0.5,
        actions: [{ action: 'accept', afterHours: 20 }],
      },
    ],
  },
  {
    key: 'tomasz-nowak',
    person: {
      firstName: 'Tomasz',
      lastName: 'Nowak',
      preferredName: 'Tom',
      dateOfBirth: '1979-01-30',
      phone: '07700 900633',
      address: '9 Golden Hill Lane, Leyland',
      postcode: 'PR25 3QP',
      ward: 'RV-LEY-S',
    },
    consent: 'all_partners',
    contact: {
      hoursAgo: 216,
      channel: 'walk_in',
      reason: 'Several payday loans and a credit card in arrears; a bailiff letter arrived today',
    },
    triage: { needs: [{ code: 'money.debt', severity: 3 }], risks: [] },
    referrals: [
      {
        key: 'tomasz-nowak/drop-in',
        service: 'citizens-advice-drop-in',
        reason:
          'Bailiff letter for a parking penalty, three payday loans and a credit card; no budget yet.',
        shared: ['name', 'phone', 'needs'],
        sentAfterHours: 0.5,
        actions: [
          { action: 'accept', afterHours: 6 },
          { action: 'start', afterHours: 30, notes: 'First appointment booked at the drop-in.' },
        ],
      },
    ],
  },
  {
    key: 'joan-cookson',
    person: {
      firstName: 'Joan',
      lastName: 'Cookson',
      dateOfBirth: '1949-09-08',
      phone: '01632 960187',
      address: '42 Liverpool Road, Penwortham, Preston',
      postcode: 'PR1 0TH',
      ward: 'RV-PEN-E',
      communicationNeeds: 'Hard of hearing: speak slowly, or text first.',
    },
    consent: 'all_partners',
    contact: {
      hoursAgo: 336,
      channel: 'phone',
      reason: 'Struggling with heating bills; has never claimed Pension Credit',
    },
    triage: {
      needs: [
        { code: 'money.benefits', severity: 2 },
        { code: 'fuel', severity: 1 },
      ],
      risks: [],
    },
    referrals: [
      {
        key: 'joan-cookson/advice-line',
        service: 'citizens-advice-line',
        reason: 'A Pension Credit claim, and what else she may be entitled to with it.',
        shared: ['name', 'phone', 'communicationNeeds', 'needs'],
        sentAfterHours: 1,
        actions: [
          { action: 'accept', afterHours: 22 },
          { action: 'start', afterHours: 48 },
          {
            action: 'hold',
            afterHours: 100,
            notes: 'Waiting for her bank statements before the Pension Credit claim goes in.',
          },
        ],
      },
    ],
  },
  {
    key: 'kevin-sharples',
    person: {
      firstName: 'Kevin',
      lastName: 'Sharples',
      dateOfBirth: '1971-04-17',
      phone: '07700 900844',
      address: 'Room 4, 61 Stanifield Lane, Farington, Leyland',
      postcode: 'PR25 5NE',
      ward: 'RV-LEY-F',
    },
    consent: 'all_partners',
    contact: {
      hoursAgo: 960,
      channel: 'phone',
      reason: 'About £14,000 of debts after a relationship ended; no assets, renting a room',
    },
    triage: { needs: [{ code: 'money.debt', severity: 2 }], risks: [] },
    referrals: [
      {
        key: 'kevin-sharples/debt-casework',
        service: 'citizens-advice-debt-casework',
        reason: 'Unmanageable debts, low income and no assets: may suit a debt relief order.',
        shared: ['name', 'phone', 'needs'],
        sentAfterHours: 0.5,
        actions: [
          { action: 'accept', afterHours: 18 },
          { action: 'start', afterHours: 40 },
          {
            action: 'complete',
            afterHours: 600,
            outcome: 'need_met',
            notes: 'Debt relief order approved; creditors told.',
          },
        ],
      },
    ],
  },
  {
    key: 'sandra-parkinson',
    person: {
      firstName: 'Sandra',
      lastName: 'Parkinson',
      dateOfBirth: '1983-12-03',
      phone: '07700 900395',
      address: '18 Liverpool Road, Hutton, Preston',
      postcode: 'PR4 5JT',
      ward: 'RV-RUR-L',
    },
    consent: 'all_partners',
    contact: {
      hoursAgo: 144,
      channel: 'phone',
      reason: 'Prepayment meter out of credit and no food in the house until payday',
    },
    triage: { needs: [{ code: 'food', severity: 2 }], risks: ['no_food_today'] },
    referrals: [
      {
        key: 'sandra-parkinson/household-support-fund',
        service: 'council-household-support-fund',
        reason: 'A crisis payment for food and meter credit until payday on Friday.',
        shared: ['name', 'phone', 'needs'],
        sentAfterHours: 0.3,
        actions: [
          {
            action: 'withdraw',
            afterHours: 4,
            notes:
              "The food bank and her energy supplier's hardship fund helped the same day; no longer needed.",
          },
        ],
      },
    ],
  },
  {
    key: 'gary-clegg',
    person: {
      firstName: 'Gary',
      lastName: 'Clegg',
      dateOfBirth: '1966-07-21',
      phone: '07700 900726',
      address: '5 Hough Lane, Leyland',
      postcode: 'PR25 1QA',
      ward: 'RV-LEY-C',
    },
    consent: 'all_partners',
    contact: {
      hoursAgo: 40,
      channel: 'phone',
      reason: 'Mortgage arrears and credit cards; wants to see someone face to face in Leyland',
    },
    triage: {
      needs: [
        { code: 'money.debt', severity: 2 },
        { code: 'housing', severity: 1 },
      ],
      risks: [],
    },
    referrals: [
      {
        key: 'gary-clegg/drop-in',
        service: 'citizens-advice-drop-in',
        reason: 'Mortgage arrears of three months and two credit cards; wants advice in person.',
        shared: ['name', 'phone', 'needs'],
        sentAfterHours: 0.5,
        actions: [
          {
            action: 'decline',
            afterHours: 20,
            declineReason: 'no_capacity',
            notes:
              'No drop-in appointments for four weeks; the Leyland Debt Advice Centre can see him sooner.',
          },
        ],
      },
      {
        key: 'gary-clegg/debt-centre',
        service: 'debt-centre-appointments',
        reason:
          'Re-routed: Citizens Advice has no appointments for four weeks. Mortgage arrears of three months and two credit cards.',
        shared: ['name', 'phone', 'needs'],
        sentAfterHours: 22,
        replaces: 'gary-clegg/drop-in',
        actions: [],
      },
    ],
  },
  {
    key: 'brian-ashworth',
    person: {
      firstName: 'Brian',
      lastName: 'Ashworth',
      dateOfBirth: '1940-02-11',
      phone: '01632 960955',
      address: '2 Moss Lane, Much Hoole, Preston',
      postcode: 'PR4 6QA',
      ward: 'RV-RUR-M',
    },
    consent: 'none',
    contact: {
      hoursAgo: 30,
      channel: 'professional_referral',
      reason: 'Lives alone with the boiler broken for a week in the cold; seems confused',
      notes: 'He could not say whether he agrees to his details being shared.',
      caller: {
        name: 'Helen Rigby',
        relationship: 'District nurse',
        organisation: 'Community nursing team',
      },
    },
    triage: {
      needs: [
        { code: 'fuel', severity: 3 },
        { code: 'older_people', severity: 2 },
      ],
      risks: ['no_heating'],
    },
    referrals: [
      {
        key: 'brian-ashworth/household-support-fund',
        service: 'council-household-support-fund',
        reason: 'An emergency payment for a boiler repair and heaters while it is fixed.',
        shared: ['name', 'phone', 'address', 'needs'],
        sentAfterHours: 1,
        consentOverride:
          'No heating at 86 in a cold spell, and unable to weigh up sharing; his district nurse asked us to act. Only what the payment needs is shared.',
        actions: [
          { action: 'accept', afterHours: 2 },
          { action: 'start', afterHours: 3, notes: 'Engineer booked for tomorrow morning.' },
        ],
      },
    ],
  },
];
