import type { ServiceStatus } from '../../src/service-directory/services/service.entity.js';
import type { DemoPartner } from './borough.js';

/**
 * The demo borough's service directory: the partners' services and the places they are delivered
 * from. Fictional throughout: example.org addresses, telephone numbers from the ranges Ofcom keeps
 * for drama (01632 960xxx, freephone 0808 157 0xxx, mobile 07700 900xxx), and postcodes chosen
 * only to fall in the postcode sectors of config/areas.json, so each location resolves to a ward.
 */

/** The need codes of config/taxonomy.json (a typo is a compile error, not a failed seed). */
export type DemoNeed =
  | 'money'
  | 'money.debt'
  | 'money.benefits'
  | 'money.budgeting'
  | 'housing'
  | 'housing.homelessness'
  | 'housing.repairs'
  | 'housing.tenancy'
  | 'food'
  | 'fuel'
  | 'wellbeing'
  | 'wellbeing.mental_health'
  | 'wellbeing.loneliness'
  | 'safety'
  | 'safety.domestic_abuse'
  | 'safety.home_safety'
  | 'carers'
  | 'older_people'
  | 'children_young_people'
  | 'employment'
  | 'digital'
  | 'digital.device'
  | 'digital.connection'
  | 'digital.skills'
  | 'health'
  | 'substance_misuse';

/** The area codes of config/areas.json: the district (borough-wide), its service delivery areas and wards. */
export type DemoArea =
  | 'RV'
  | 'RV-LEY'
  | 'RV-LEY-C'
  | 'RV-LEY-S'
  | 'RV-LEY-F'
  | 'RV-PEN'
  | 'RV-PEN-E'
  | 'RV-PEN-W'
  | 'RV-BAM'
  | 'RV-BAM-B'
  | 'RV-BAM-W'
  | 'RV-RUR'
  | 'RV-RUR-L'
  | 'RV-RUR-M';

export interface DemoLocation {
  /** Stable key: the location's id is derived from it. */
  key: string;
  /** The organisation that runs the place. */
  partner: DemoPartner;
  name: string;
  description: string;
  transportation?: string;
  address1: string;
  /** The locality, when the post town is not where the place is (e.g. Penwortham, Preston). */
  address2?: string;
  city: string;
  postcode: string;
  latitude: number;
  longitude: number;
}

/**
 * One weekly opening (HSDS schedule, `freq` WEEKLY), in the borough's local time. A span past
 * midnight is two rows (to 23:59:59, then from 00:00); round the clock is 00:00 to 23:59:59 every
 * day, since an Open Referral time cannot be 24:00.
 */
export interface DemoSchedule {
  /** iCalendar days, e.g. `MO,TU,WE,TH,FR`. */
  byday: string;
  opensAt: string;
  closesAt: string;
  /** The key of one of the service's locations: the opening is of the service at that place. */
  at?: string;
  /** How people attend; by default "In person" at a location and "By phone" otherwise. */
  attending?: string;
  notes?: string;
}

export interface DemoService {
  /** Stable key: the service's id and those of its parts are derived from it. */
  key: string;
  /** The provider. */
  partner: DemoPartner;
  /** The organisation whose users receive the referrals, when it is not the provider. */
  receivedBy?: DemoPartner;
  name: string;
  alternateName?: string;
  description: string;
  /** The page on the provider's website. */
  path: string;
  /** The local part of the service's email address, at the provider's domain. */
  email: string;
  status?: ServiceStatus;
  alert?: string;
  /** Default true. */
  acceptingReferrals?: boolean;
  responseTargetHours: number | null;
  /** Places; absent when the service does not count them. */
  capacity?: { available: number; maximum: number };
  minimumAge?: number;
  maximumAge?: number;
  eligibility: string;
  applicationProcess: string;
  /** Default "Free." */
  fees?: string;
  interpretation?: string;
  accreditations?: string;
  needs: DemoNeed[];
  areas: DemoArea[];
  phone: { number: string; description: string };
  /** A role, never a person. */
  contact: { title: string; department: string };
  /** Keys of the locations it is delivered at; none for phone, online and home-visit services. */
  locations?: string[];
  schedules: DemoSchedule[];
}

const WEEKDAYS = 'MO,TU,WE,TH,FR';
const EVERY_DAY = 'MO,TU,WE,TH,FR,SA,SU';
const BANK_HOLIDAYS = 'Closed on bank holidays.';
const INTERPRETING =
  'Telephone interpreting in any language at no cost; British Sign Language by video relay.';
const VIA_FRONT_DOOR =
  "Referral through One Front Door (with the person's consent), by a professional, or self-referral by phone or email.";

export const DEMO_LOCATIONS: readonly DemoLocation[] = [
  {
    key: 'civic-centre',
    partner: 'Ribble Vale Council Housing Options',
    name: 'Ribble Vale Civic Centre',
    description:
      "The council's customer service centre: housing, homelessness and benefits appointments, and a free phone to call council services. Step-free access, hearing loop at reception.",
    transportation: "Five minutes' walk from Leyland bus station; pay and display car park.",
    address1: 'Civic Centre, Towngate',
    city: 'Leyland',
    postcode: 'PR25 2LX',
    latitude: 53.6955,
    longitude: -2.6905,
  },
  {
    key: 'citizens-advice-leyland',
    partner: 'Ribble Vale Citizens Advice',
    name: 'Citizens Advice Leyland',
    description:
      'Advice centre with private interview rooms. Ground floor, step-free, accessible toilet.',
    transportation: 'Town centre; buses stop on Hough Lane.',
    address1: '14 Hough Lane',
    city: 'Leyland',
    postcode: 'PR25 2SB',
    latitude: 53.6968,
    longitude: -2.6871,
  },
  {
    key: 'digital-hub',
    partner: 'Ribble Vale Digital Inclusion Partnership',
    name: 'Ribble Vale Digital Hub',
    description:
      'Drop-in digital help with free Wi-Fi, public computers and a printer. Ground floor, step-free.',
    address1: '2 Fox Lane',
    city: 'Leyland',
    postcode: 'PR25 1HB',
    latitude: 53.6991,
    longitude: -2.6935,
  },
  {
    key: 'debt-advice-centre',
    partner: 'Leyland Debt Advice Centre',
    name: 'Leyland Debt Advice Centre',
    description: 'Debt advice appointments and workshops. First floor, lift available.',
    address1: '3 Chapel Brow',
    city: 'Leyland',
    postcode: 'PR25 3NH',
    latitude: 53.6862,
    longitude: -2.6899,
  },
  {
    key: 'mental-health-centre',
    partner: 'Lancashire Community Mental Health Team',
    name: 'Ribble Vale Community Mental Health Centre',
    description: 'Community mental health clinic. Appointments only; no drop-in.',
    address1: '120 Moss Lane',
    city: 'Leyland',
    postcode: 'PR25 4QE',
    latitude: 53.6841,
    longitude: -2.7012,
  },
  {
    key: 'recovery-steps-leyland',
    partner: 'Recovery Steps Substance Misuse Service',
    name: 'Recovery Steps Leyland',
    description:
      'Drug and alcohol service base with clinic rooms, needle exchange and a recovery café.',
    address1: '30 Turpin Green Lane',
    city: 'Leyland',
    postcode: 'PR25 3TL',
    latitude: 53.6889,
    longitude: -2.6818,
  },
  {
    key: 'food-bank-leyland',
    partner: 'Ribble Vale Food Bank',
    name: 'Ribble Vale Food Bank, Leyland distribution centre',
    description:
      'The food bank warehouse and its Leyland distribution centre. Free parking; step-free.',
    address1: 'Unit 5 Stanifield Trade Park',
    address2: 'Stanifield Lane, Farington',
    city: 'Leyland',
    postcode: 'PR25 5QR',
    latitude: 53.7087,
    longitude: -2.6983,
  },
  {
    key: 'employment-hub',
    partner: 'Ribble Vale Employment and Skills Hub',
    name: 'Ribble Vale Employment and Skills Hub',
    description: 'Training rooms, a job club and computers for job search. Step-free.',
    address1: 'Unit 2 Centurion Court',
    address2: 'Centurion Way, Farington',
    city: 'Leyland',
    postcode: 'PR26 6TB',
    latitude: 53.7124,
    longitude: -2.7056,
  },
  {
    key: 'food-bank-penwortham',
    partner: 'Ribble Vale Food Bank',
    name: "Ribble Vale Food Bank at St Mary's Church Hall",
    description: 'Food bank distribution centre in the church hall. Ramp at the side entrance.',
    address1: "St Mary's Church Hall, Church Avenue",
    address2: 'Penwortham',
    city: 'Preston',
    postcode: 'PR1 0AB',
    latitude: 53.7532,
    longitude: -2.7231,
  },
  {
    key: 'mind-wellbeing-centre',
    partner: 'Ribble Vale Mind',
    name: 'Mind Wellbeing Centre',
    description:
      'Counselling rooms, group room and the evening safe haven. A quiet room is available.',
    address1: '5 Cop Lane',
    address2: 'Penwortham',
    city: 'Preston',
    postcode: 'PR1 0SR',
    latitude: 53.7489,
    longitude: -2.7264,
  },
  {
    key: 'age-uk-penwortham',
    partner: 'Age UK Ribble Vale',
    name: 'Age UK Ribble Vale Penwortham Centre',
    description:
      'Advice office and day centre with a dining room, bathing suite and garden. Step-free, accessible toilets, hearing loop.',
    transportation: 'Buses stop outside on Liverpool Road; day centre transport from home.',
    address1: '12 Liverpool Road',
    address2: 'Penwortham',
    city: 'Preston',
    postcode: 'PR1 9XD',
    latitude: 53.7445,
    longitude: -2.7408,
  },
  {
    key: 'carers-centre',
    partner: "Ribble Vale Carers' Centre",
    name: "Ribble Vale Carers' Centre",
    description: "Drop-in centre for carers, with a quiet room and children's play room.",
    address1: '21 Victoria Street',
    address2: 'Bamber Bridge',
    city: 'Preston',
    postcode: 'PR5 6DS',
    latitude: 53.7262,
    longitude: -2.6612,
  },
  {
    key: 'bamber-bridge-hub',
    partner: 'Ribble Vale Social Prescribing Service',
    name: 'Bamber Bridge Community Hub',
    description:
      'Community hub with a café, meeting rooms and a warm space in winter; partners hold sessions here through the week.',
    transportation: 'Three minutes from Bamber Bridge railway station.',
    address1: '40 Station Road',
    address2: 'Bamber Bridge',
    city: 'Preston',
    postcode: 'PR5 6EA',
    latitude: 53.7247,
    longitude: -2.6588,
  },
  {
    key: 'youth-hub',
    partner: "Young People's Support Service",
    name: 'The Base Youth Hub',
    description: 'Youth centre for 11 to 25 year olds with a drop-in, music room and kitchen.',
    address1: '8 Brownedge Road',
    address2: 'Bamber Bridge',
    city: 'Preston',
    postcode: 'PR5 8JB',
    latitude: 53.7215,
    longitude: -2.6501,
  },
  {
    key: 'safer-homes-office',
    partner: 'Safer Homes Domestic Abuse Service',
    name: 'Safer Homes community office',
    description:
      'Appointments and groups only; please call first. The refuge is elsewhere and its address is never published.',
    address1: '7 Chorley Road',
    address2: 'Walton-le-Dale',
    city: 'Preston',
    postcode: 'PR5 4HN',
    latitude: 53.7449,
    longitude: -2.6698,
  },
  {
    key: 'warm-homes-office',
    partner: 'Warm Homes Energy Advice',
    name: 'Warm Homes Energy Advice centre',
    description: 'Energy advice drop-in and the warm homes team. Step-free.',
    address1: '2 Victoria Road',
    address2: 'Walton-le-Dale',
    city: 'Preston',
    postcode: 'PR5 4AG',
    latitude: 53.7431,
    longitude: -2.6742,
  },
  {
    key: 'longton-village-hall',
    partner: 'Good Neighbours Befriending Service',
    name: 'Longton Village Hall',
    description:
      'Village hall where Good Neighbours runs its lunch club and partners hold outreach sessions. Step-free, parking.',
    address1: 'Longton Village Hall, Liverpool Road',
    address2: 'Longton',
    city: 'Preston',
    postcode: 'PR4 5AU',
    latitude: 53.7292,
    longitude: -2.7962,
  },
  {
    key: 'much-hoole-village-hall',
    partner: 'Good Neighbours Befriending Service',
    name: 'Much Hoole Village Hall',
    description: 'Village hall used for the Thursday lunch club. Step-free, parking.',
    address1: 'Much Hoole Village Hall, Liverpool Old Road',
    address2: 'Much Hoole',
    city: 'Preston',
    postcode: 'PR4 6QB',
    latitude: 53.7018,
    longitude: -2.8125,
  },
  {
    key: 'care-and-repair-workshop',
    partner: 'Care and Repair Home Improvement Agency',
    name: 'Care and Repair office and workshop',
    description: "Office and workshop; visits are to people's homes. Appointments only.",
    address1: 'Unit 7 Moss Side Industrial Estate',
    address2: 'Moss Side',
    city: 'Leyland',
    postcode: 'PR26 7QT',
    latitude: 53.6949,
    longitude: -2.7305,
  },
];

export const DEMO_SERVICES: readonly DemoService[] = [
  // Ribble Vale Citizens Advice
  {
    key: 'citizens-advice-line',
    partner: 'Ribble Vale Citizens Advice',
    name: 'Citizens Advice Ribble Vale advice line',
    description:
      'Free, confidential and impartial advice by phone on benefits, debt, housing, employment, consumer problems, family and immigration. Advisers check benefit entitlement, help with Universal Credit and PIP claims and mandatory reconsiderations, deal with urgent debt and rent or council tax arrears, and book a face-to-face appointment when needed.',
    path: 'advice-line',
    email: 'adviceline',
    responseTargetHours: 72,
    minimumAge: 16,
    eligibility: 'Anyone who lives, works or studies in Ribble Vale.',
    applicationProcess: VIA_FRONT_DOOR,
    interpretation: INTERPRETING,
    accreditations: 'Advice Quality Standard',
    needs: ['money', 'money.benefits', 'housing.tenancy'],
    areas: ['RV'],
    phone: { number: '0808 157 0101', description: 'Advice line, free from mobiles and landlines' },
    contact: { title: 'Duty adviser', department: 'Advice line' },
    schedules: [{ byday: WEEKDAYS, opensAt: '09:30', closesAt: '16:30', notes: BANK_HOLIDAYS }],
  },
  {
    key: 'citizens-advice-drop-in',
    partner: 'Ribble Vale Citizens Advice',
    name: 'Citizens Advice drop-in advice sessions',
    description:
      'Walk-in general advice without an appointment: benefit advice and benefit checks, debt advice, housing problems, help with forms and letters, and consumer rights. Sessions in Leyland town centre, and outreach at Bamber Bridge Community Hub and Age UK in Penwortham.',
    path: 'drop-in',
    email: 'advice',
    responseTargetHours: 72,
    minimumAge: 16,
    eligibility: 'Anyone who lives, works or studies in Ribble Vale.',
    applicationProcess: 'Drop in during session times; arrive early, places are first come.',
    interpretation: INTERPRETING,
    needs: ['money.benefits', 'money.debt', 'housing'],
    areas: ['RV'],
    phone: { number: '01632 960011', description: 'Reception' },
    contact: { title: 'Session supervisor', department: 'Advice services' },
    locations: ['citizens-advice-leyland', 'bamber-bridge-hub', 'age-uk-penwortham'],
    schedules: [
      { byday: 'MO,WE,FR', opensAt: '10:00', closesAt: '14:00', at: 'citizens-advice-leyland' },
      { byday: 'TU', opensAt: '10:00', closesAt: '13:00', at: 'bamber-bridge-hub' },
      { byday: 'TH', opensAt: '13:00', closesAt: '16:00', at: 'age-uk-penwortham' },
    ],
  },
  {
    key: 'citizens-advice-help-to-claim',
    partner: 'Ribble Vale Citizens Advice',
    name: 'Help to Claim Universal Credit',
    description:
      'Free help to make a new Universal Credit claim, from the online application to the first full payment: setting up an account, proving identity, reporting rent and housing costs, advance payments, and what to do if the first payment is late, low or wrong. Benefit advice on other help you may be entitled to.',
    path: 'help-to-claim',
    email: 'helptoclaim',
    responseTargetHours: 48,
    minimumAge: 16,
    eligibility: 'Anyone making, or about to make, a new Universal Credit claim.',
    applicationProcess: VIA_FRONT_DOOR,
    interpretation: INTERPRETING,
    needs: ['money.benefits', 'digital.skills'],
    areas: ['RV'],
    phone: { number: '0808 157 0102', description: 'Help to Claim line, free' },
    contact: { title: 'Help to Claim adviser', department: 'Advice line' },
    schedules: [{ byday: WEEKDAYS, opensAt: '08:00', closesAt: '18:00', notes: BANK_HOLIDAYS }],
  },
  {
    key: 'citizens-advice-debt-casework',
    partner: 'Ribble Vale Citizens Advice',
    name: 'Debt advice casework',
    description:
      'In-depth debt advice for complex or urgent debts: priority debts such as council tax arrears, rent arrears, energy debt and court fines, bailiff and enforcement action, county court claims, Debt Relief Orders and bankruptcy. A caseworker takes on the case through to a solution.',
    path: 'debt-advice',
    email: 'debt',
    responseTargetHours: 72,
    capacity: { available: 3, maximum: 25 },
    minimumAge: 18,
    eligibility: 'Ribble Vale residents with debts they cannot manage.',
    applicationProcess: VIA_FRONT_DOOR,
    interpretation: INTERPRETING,
    accreditations: 'Advice Quality Standard (debt casework)',
    needs: ['money.debt', 'money.budgeting'],
    areas: ['RV'],
    phone: { number: '01632 960012', description: 'Debt team' },
    contact: { title: 'Debt caseworker', department: 'Debt team' },
    locations: ['citizens-advice-leyland'],
    schedules: [
      {
        byday: 'TU,TH',
        opensAt: '09:30',
        closesAt: '16:30',
        at: 'citizens-advice-leyland',
        attending: 'In person, by appointment',
      },
    ],
  },
  // Leyland Debt Advice Centre
  {
    key: 'debt-centre-appointments',
    partner: 'Leyland Debt Advice Centre',
    name: 'Free debt advice appointments',
    description:
      'Face-to-face and phone debt advice from regulated advisers: a full financial statement, negotiating affordable payments with creditors, stopping bailiff (enforcement agent) action, and setting up debt solutions such as a debt management plan, Debt Relief Order, IVA or bankruptcy.',
    path: 'appointments',
    email: 'appointments',
    responseTargetHours: 48,
    capacity: { available: 6, maximum: 20 },
    minimumAge: 18,
    eligibility: 'Residents of Leyland and the rural west of the borough.',
    applicationProcess: VIA_FRONT_DOOR,
    accreditations: 'Authorised and regulated by the Financial Conduct Authority',
    needs: ['money.debt'],
    areas: ['RV-LEY', 'RV-RUR'],
    phone: { number: '01632 960021', description: 'Appointments' },
    contact: { title: 'Appointments coordinator', department: 'Advice team' },
    locations: ['debt-advice-centre'],
    schedules: [
      { byday: 'MO,TU,WE,TH', opensAt: '09:00', closesAt: '17:00', at: 'debt-advice-centre' },
      { byday: 'FR', opensAt: '09:00', closesAt: '13:00', at: 'debt-advice-centre' },
    ],
  },
  {
    key: 'debt-centre-breathing-space',
    partner: 'Leyland Debt Advice Centre',
    name: 'Breathing Space and urgent debt help',
    description:
      'Same-week help for people facing eviction, bailiffs at the door, a court claim or disconnection. We can apply for Breathing Space (the Debt Respite Scheme), which pauses interest, charges and enforcement for 60 days, or a Mental Health Crisis Breathing Space for people receiving mental health crisis treatment.',
    path: 'breathing-space',
    email: 'urgent',
    responseTargetHours: 24,
    minimumAge: 18,
    eligibility: 'Ribble Vale residents with urgent debt problems.',
    applicationProcess: VIA_FRONT_DOOR,
    needs: ['money.debt', 'housing.homelessness', 'wellbeing.mental_health'],
    areas: ['RV'],
    phone: { number: '01632 960022', description: 'Urgent debt line' },
    contact: { title: 'Duty debt adviser', department: 'Advice team' },
    schedules: [{ byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', notes: BANK_HOLIDAYS }],
  },
  {
    key: 'debt-centre-money-skills',
    partner: 'Leyland Debt Advice Centre',
    name: 'Money skills workshops',
    description:
      'Evening workshops on budgeting, bank accounts and credit, avoiding loan sharks and high-cost credit, saving with the credit union, and making money go further.',
    path: 'money-skills',
    email: 'workshops',
    status: 'temporarily closed',
    alert:
      'Workshops are paused until the new term starts; debt advice appointments are open as usual.',
    acceptingReferrals: false,
    responseTargetHours: 120,
    capacity: { available: 0, maximum: 12 },
    minimumAge: 16,
    eligibility: 'Leyland residents who want to manage money better.',
    applicationProcess: 'Book by phone or email.',
    needs: ['money.budgeting'],
    areas: ['RV-LEY'],
    phone: { number: '01632 960023', description: 'Workshop bookings' },
    contact: { title: 'Financial capability worker', department: 'Money skills' },
    locations: ['debt-advice-centre'],
    schedules: [{ byday: 'WE', opensAt: '18:00', closesAt: '20:00', at: 'debt-advice-centre' }],
  },
  // Ribble Vale Food Bank
  {
    key: 'food-bank-parcels',
    partner: 'Ribble Vale Food Bank',
    name: 'Food bank emergency food parcels',
    description:
      'Three days of nutritionally balanced emergency food for people in crisis, with toiletries, baby items and pet food when needed. Parcels are given on a food bank referral from One Front Door, Citizens Advice, GPs, schools or the council, and volunteers signpost to debt and benefit advice at the same visit. Halal, vegetarian and gluten-free parcels available.',
    path: 'get-help',
    email: 'referrals',
    responseTargetHours: 24,
    eligibility: 'Anyone in Ribble Vale who cannot afford food, with a food bank referral.',
    applicationProcess:
      'A referral (food bank voucher) from One Front Door or another referral agency; then visit a distribution centre.',
    needs: ['food'],
    areas: ['RV'],
    phone: { number: '01632 960031', description: 'Food bank office' },
    contact: { title: 'Food bank coordinator', department: 'Distribution' },
    locations: ['food-bank-leyland', 'food-bank-penwortham', 'bamber-bridge-hub'],
    schedules: [
      { byday: 'MO,TH', opensAt: '11:00', closesAt: '13:30', at: 'food-bank-leyland' },
      { byday: 'SA', opensAt: '10:00', closesAt: '12:00', at: 'food-bank-leyland' },
      { byday: 'TU,FR', opensAt: '12:00', closesAt: '14:00', at: 'food-bank-penwortham' },
      { byday: 'WE', opensAt: '10:00', closesAt: '12:30', at: 'bamber-bridge-hub' },
    ],
  },
  {
    key: 'food-bank-delivery',
    partner: 'Ribble Vale Food Bank',
    name: 'Food parcel delivery for housebound residents',
    description:
      'Emergency food parcels delivered to the door for people who cannot get to a food bank because of illness, disability, caring responsibilities or self-isolation.',
    path: 'delivery',
    email: 'delivery',
    responseTargetHours: 48,
    capacity: { available: 4, maximum: 15 },
    minimumAge: 18,
    eligibility: 'Housebound Ribble Vale residents with a food bank referral.',
    applicationProcess: VIA_FRONT_DOOR,
    needs: ['food', 'health'],
    areas: ['RV'],
    phone: { number: '01632 960032', description: 'Deliveries' },
    contact: { title: 'Delivery coordinator', department: 'Distribution' },
    schedules: [{ byday: 'TH', opensAt: '10:00', closesAt: '15:00', attending: 'Delivered home' }],
  },
  {
    key: 'food-bank-pantry',
    partner: 'Ribble Vale Food Bank',
    name: 'Community pantry (low-cost food club)',
    alternateName: 'Food pantry',
    description:
      'A membership food club for households on a low income: for £4 a visit members choose at least ten items, including fresh fruit and vegetables, chilled and frozen food, worth around £20. A step on from the food bank, with budgeting and cooking tips.',
    path: 'pantry',
    email: 'pantry',
    responseTargetHours: 72,
    capacity: { available: 12, maximum: 80 },
    minimumAge: 18,
    eligibility:
      'Households on a low income living in Bamber Bridge, Walton-le-Dale or Penwortham.',
    applicationProcess: 'Join at any session; a referral is welcome but not needed.',
    fees: '£4 a visit; membership is free.',
    needs: ['food', 'money.budgeting'],
    areas: ['RV-BAM', 'RV-PEN'],
    phone: { number: '01632 960033', description: 'Pantry' },
    contact: { title: 'Pantry lead', department: 'Community pantry' },
    locations: ['bamber-bridge-hub', 'food-bank-penwortham'],
    schedules: [
      { byday: 'FR', opensAt: '13:00', closesAt: '16:00', at: 'bamber-bridge-hub' },
      { byday: 'SA', opensAt: '10:00', closesAt: '12:00', at: 'food-bank-penwortham' },
    ],
  },
  // Age UK Ribble Vale
  {
    key: 'age-uk-advice',
    partner: 'Age UK Ribble Vale',
    name: 'Information and advice for older people',
    description:
      'Free advice for people over 60 and their families: benefit checks and help claiming Attendance Allowance, Pension Credit and Council Tax Support, paying for care, power of attorney, and staying independent at home. Home visits for people who cannot come in.',
    path: 'advice',
    email: 'advice',
    responseTargetHours: 72,
    minimumAge: 60,
    eligibility: 'People aged 60 and over, and their families and carers.',
    applicationProcess: VIA_FRONT_DOOR,
    interpretation: INTERPRETING,
    needs: ['older_people', 'money.benefits'],
    areas: ['RV'],
    phone: { number: '01632 960041', description: 'Advice line' },
    contact: { title: 'Information and advice officer', department: 'Advice' },
    locations: ['age-uk-penwortham'],
    schedules: [{ byday: WEEKDAYS, opensAt: '09:30', closesAt: '16:00', at: 'age-uk-penwortham' }],
  },
  {
    key: 'age-uk-day-centre',
    partner: 'Age UK Ribble Vale',
    name: 'Age UK day centre',
    description:
      'A friendly day out for older people who are lonely, frail or living with dementia: a hot lunch, activities, exercise, a bathing service, and transport from home. Gives family carers a regular break.',
    path: 'day-centre',
    email: 'daycentre',
    responseTargetHours: 120,
    capacity: { available: 5, maximum: 40 },
    minimumAge: 60,
    eligibility: 'People aged 60 and over in Penwortham, Leyland and the rural west.',
    applicationProcess: VIA_FRONT_DOOR,
    fees: '£28 a day including lunch and transport; funded places through a social care assessment.',
    needs: ['older_people', 'wellbeing.loneliness', 'carers'],
    areas: ['RV-PEN', 'RV-LEY', 'RV-RUR'],
    phone: { number: '01632 960042', description: 'Day centre' },
    contact: { title: 'Day centre manager', department: 'Day services' },
    locations: ['age-uk-penwortham'],
    schedules: [
      { byday: 'TU,WE,TH', opensAt: '10:00', closesAt: '15:00', at: 'age-uk-penwortham' },
    ],
  },
  {
    key: 'age-uk-home-from-hospital',
    partner: 'Age UK Ribble Vale',
    name: 'Home from hospital support',
    description:
      'Practical help for up to six weeks after a hospital stay: shopping, collecting prescriptions, settling in, checking the heating is on, and linking up with befriending and the handyperson service. Seven days a week.',
    path: 'home-from-hospital',
    email: 'homefromhospital',
    responseTargetHours: 24,
    capacity: { available: 2, maximum: 12 },
    minimumAge: 60,
    eligibility: 'People aged 60 and over going home from hospital, or recently home.',
    applicationProcess:
      'Referral by the hospital discharge team, a GP, One Front Door or a family member.',
    needs: ['older_people', 'health', 'wellbeing.loneliness'],
    areas: ['RV'],
    phone: { number: '01632 960043', description: 'Home from hospital team' },
    contact: { title: 'Home from hospital coordinator', department: 'Home support' },
    schedules: [
      { byday: EVERY_DAY, opensAt: '09:00', closesAt: '17:00', attending: 'At home and by phone' },
    ],
  },
  // Ribble Vale Carers' Centre
  {
    key: 'carers-support',
    partner: "Ribble Vale Carers' Centre",
    name: "Carers' support and carer's assessments",
    description:
      "Information, advice and emotional support for unpaid carers looking after a family member, partner or friend. Carer's assessments on behalf of the county council, help claiming Carer's Allowance, emergency plans with a carer's emergency card, and one-to-one support.",
    path: 'adult-carers',
    email: 'support',
    responseTargetHours: 72,
    minimumAge: 18,
    eligibility: 'Unpaid carers aged 18 and over caring for someone who lives in Ribble Vale.',
    applicationProcess: VIA_FRONT_DOOR,
    needs: ['carers', 'money.benefits'],
    areas: ['RV'],
    phone: { number: '01632 960051', description: 'Carers support line' },
    contact: { title: 'Carer support worker', department: 'Adult carers' },
    locations: ['carers-centre'],
    schedules: [{ byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', at: 'carers-centre' }],
  },
  {
    key: 'carers-young-carers',
    partner: "Ribble Vale Carers' Centre",
    name: 'Young carers service',
    description:
      'Support for children and young people who help look after someone at home: one-to-one support, young carers clubs, trips and activities, and working with schools so young carers are understood and supported.',
    path: 'young-carers',
    email: 'youngcarers',
    responseTargetHours: 120,
    capacity: { available: 8, maximum: 60 },
    minimumAge: 8,
    maximumAge: 17,
    eligibility: 'Young carers aged 8 to 17 living in Ribble Vale.',
    applicationProcess: 'Referral by a school, social worker, One Front Door or a parent.',
    needs: ['carers', 'children_young_people'],
    areas: ['RV'],
    phone: { number: '01632 960052', description: 'Young carers team' },
    contact: { title: 'Young carers worker', department: 'Young carers' },
    locations: ['carers-centre'],
    schedules: [
      { byday: 'WE', opensAt: '16:00', closesAt: '18:00', at: 'carers-centre' },
      { byday: 'SA', opensAt: '10:00', closesAt: '13:00', at: 'carers-centre' },
    ],
  },
  {
    key: 'carers-breaks',
    partner: "Ribble Vale Carers' Centre",
    name: "Carers' breaks and wellbeing groups",
    description:
      'Short breaks, wellbeing sessions and carers groups: coffee mornings, an evening group for working carers, relaxation and therapies, and small grants towards a break from caring.',
    path: 'breaks',
    email: 'breaks',
    responseTargetHours: 120,
    minimumAge: 18,
    eligibility: 'Unpaid carers registered with the centre.',
    applicationProcess: 'Register with the carers centre, then book.',
    needs: ['carers', 'wellbeing'],
    areas: ['RV'],
    phone: { number: '01632 960053', description: 'Groups and breaks' },
    contact: { title: 'Wellbeing coordinator', department: 'Adult carers' },
    locations: ['carers-centre', 'age-uk-penwortham'],
    schedules: [
      { byday: 'TH', opensAt: '18:30', closesAt: '20:30', at: 'carers-centre' },
      { byday: 'TU', opensAt: '10:00', closesAt: '12:00', at: 'age-uk-penwortham' },
    ],
  },
  // Safer Homes Domestic Abuse Service
  {
    key: 'domestic-abuse-helpline',
    partner: 'Safer Homes Domestic Abuse Service',
    name: 'Domestic abuse 24-hour helpline',
    description:
      'Free, confidential support 24 hours a day, every day of the year, for anyone experiencing domestic abuse, and for worried friends, family and professionals. Trained support workers help with safety planning, options and the law, and refer to outreach, the IDVA service and refuge. If you are in immediate danger call 999.',
    path: 'helpline',
    email: 'helpline',
    responseTargetHours: 4,
    minimumAge: 16,
    eligibility:
      'Anyone aged 16 or over affected by domestic abuse, whatever their gender or sexuality.',
    applicationProcess: 'Call at any time; professionals may also refer.',
    interpretation: INTERPRETING,
    needs: ['safety.domestic_abuse'],
    areas: ['RV'],
    phone: {
      number: '0808 157 0999',
      description: '24-hour helpline, free and not shown on bills',
    },
    contact: { title: 'Helpline support worker', department: 'Helpline' },
    schedules: [
      { byday: EVERY_DAY, opensAt: '00:00', closesAt: '23:59:59', notes: 'Open 24 hours.' },
    ],
  },
  {
    key: 'domestic-abuse-idva',
    partner: 'Safer Homes Domestic Abuse Service',
    name: 'Independent domestic violence advisers (IDVA) for high-risk victims',
    alternateName: 'IDVA service',
    description:
      "Specialist advocacy for victims of domestic abuse at high risk of serious harm (a DASH risk assessment of 14 or more, or referral to MARAC). An IDVA makes contact within one working day, plans safety, supports through criminal and family courts, and works with police, housing and children's services.",
    path: 'idva',
    email: 'idva',
    responseTargetHours: 4,
    minimumAge: 16,
    eligibility: 'Victims of domestic abuse aged 16 or over assessed as high risk.',
    applicationProcess:
      'Professional referral with a completed DASH risk assessment; call the helpline first if the person is in danger.',
    interpretation: INTERPRETING,
    needs: ['safety.domestic_abuse', 'safety'],
    areas: ['RV'],
    phone: { number: '01632 960061', description: 'IDVA team (professionals)' },
    contact: { title: 'Duty IDVA', department: 'IDVA service' },
    schedules: [{ byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', notes: BANK_HOLIDAYS }],
  },
  {
    key: 'domestic-abuse-outreach',
    partner: 'Safer Homes Domestic Abuse Service',
    name: 'Domestic abuse community outreach and recovery groups',
    description:
      'Practical and emotional support in the community for people at medium or standard risk: safety planning, help with housing, benefits and money, non-molestation orders, and recovery groups including an evening Freedom Programme.',
    path: 'outreach',
    email: 'outreach',
    responseTargetHours: 48,
    capacity: { available: 3, maximum: 45 },
    minimumAge: 16,
    eligibility: 'People aged 16 or over affected by domestic abuse.',
    applicationProcess: VIA_FRONT_DOOR,
    interpretation: INTERPRETING,
    needs: ['safety.domestic_abuse', 'housing', 'wellbeing.mental_health'],
    areas: ['RV'],
    phone: { number: '01632 960062', description: 'Outreach team' },
    contact: { title: 'Outreach worker', department: 'Community outreach' },
    locations: ['safer-homes-office'],
    schedules: [
      {
        byday: WEEKDAYS,
        opensAt: '09:00',
        closesAt: '17:00',
        at: 'safer-homes-office',
        attending: 'In person, by appointment',
      },
      { byday: 'TU', opensAt: '18:00', closesAt: '20:00', at: 'safer-homes-office' },
    ],
  },
  {
    key: 'domestic-abuse-refuge',
    partner: 'Safer Homes Domestic Abuse Service',
    name: 'Safe accommodation (refuge)',
    description:
      'Safe, confidential accommodation with on-site support workers for women and their children who need to leave home because of domestic abuse. The refuge address is never published; rooms are offered through the helpline.',
    path: 'refuge',
    email: 'refuge',
    acceptingReferrals: false,
    responseTargetHours: 4,
    capacity: { available: 0, maximum: 6 },
    minimumAge: 16,
    eligibility:
      'Women aged 16 or over, with or without children. Men are helped to find safe accommodation through the helpline.',
    applicationProcess: 'Through the 24-hour helpline only.',
    needs: ['safety.domestic_abuse', 'housing.homelessness'],
    areas: ['RV'],
    phone: { number: '0808 157 0999', description: 'Through the 24-hour helpline' },
    contact: { title: 'Refuge manager', department: 'Safe accommodation' },
    schedules: [],
  },
  // Ribble Vale Council Housing Options
  {
    key: 'council-housing-options',
    partner: 'Ribble Vale Council Housing Options',
    name: 'Housing options and advice',
    description:
      'Housing advice for anyone with a housing problem: finding somewhere to live, the housing register and social housing, private renting, the deposit bond scheme, rent arrears, and help to stay in your home. Appointments at the Civic Centre or by phone.',
    path: 'housing/options',
    email: 'housingoptions',
    responseTargetHours: 72,
    minimumAge: 16,
    eligibility: 'Ribble Vale residents, or people with a local connection.',
    applicationProcess: VIA_FRONT_DOOR,
    interpretation: INTERPRETING,
    needs: ['housing', 'housing.tenancy'],
    areas: ['RV'],
    phone: { number: '01632 960071', description: 'Housing options' },
    contact: { title: 'Housing options officer', department: 'Housing options' },
    locations: ['civic-centre'],
    schedules: [{ byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', at: 'civic-centre' }],
  },
  {
    key: 'council-housing-register',
    partner: 'Ribble Vale Council Housing Options',
    name: 'Housing register and choice-based lettings',
    description:
      'Apply to join the housing register for council and housing association homes, get your priority band assessed, and bid for properties each week. Help with the online application for people without internet access.',
    path: 'housing/register',
    email: 'housingregister',
    responseTargetHours: 120,
    minimumAge: 16,
    eligibility: 'People with a local connection to Ribble Vale and a housing need.',
    applicationProcess: 'Apply online or with help at the Civic Centre.',
    needs: ['housing'],
    areas: ['RV'],
    phone: { number: '01632 960072', description: 'Housing register' },
    contact: { title: 'Lettings officer', department: 'Housing register' },
    locations: ['civic-centre'],
    schedules: [{ byday: 'MO,WE,FR', opensAt: '09:30', closesAt: '12:30', at: 'civic-centre' }],
  },
  {
    key: 'council-tenancy-relations',
    partner: 'Ribble Vale Council Housing Options',
    name: 'Private renting: tenancy relations and disrepair',
    description:
      'For private tenants facing harassment, illegal eviction, a section 21 or section 8 notice, or serious disrepair such as damp and mould or no heating. Officers contact landlords, inspect homes under the Housing Health and Safety Rating System and take enforcement action.',
    path: 'housing/private-renting',
    email: 'privatesector',
    responseTargetHours: 72,
    minimumAge: 16,
    eligibility: 'Tenants of private landlords in Ribble Vale.',
    applicationProcess: VIA_FRONT_DOOR,
    needs: ['housing.tenancy', 'housing.repairs'],
    areas: ['RV'],
    phone: { number: '01632 960073', description: 'Private sector housing' },
    contact: { title: 'Tenancy relations officer', department: 'Private sector housing' },
    schedules: [{ byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', notes: BANK_HOLIDAYS }],
  },
  {
    key: 'council-sanctuary-scheme',
    partner: 'Ribble Vale Council Housing Options',
    receivedBy: 'Care and Repair Home Improvement Agency',
    name: 'Sanctuary scheme: home security for survivors of domestic abuse',
    description:
      'Free extra security so that survivors of domestic abuse can stay safely in their own home if they choose: stronger doors and locks, window locks, door viewers, outside lighting and a fire-safe letterbox. Funded by the council; referrals go to Care and Repair, whose technicians fit the measures within five working days.',
    path: 'housing/sanctuary-scheme',
    email: 'sanctuary',
    responseTargetHours: 24,
    minimumAge: 16,
    eligibility:
      'Survivors of domestic abuse in Ribble Vale who want to stay at home, where it is safe to do so, in any tenure.',
    applicationProcess:
      "Referral by Safer Homes, the police, One Front Door or housing options, with the survivor's consent.",
    needs: ['safety.domestic_abuse', 'housing.repairs'],
    areas: ['RV'],
    phone: { number: '01632 960074', description: 'Sanctuary scheme referrals' },
    contact: { title: 'Sanctuary scheme coordinator', department: 'Housing options' },
    schedules: [{ byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', notes: BANK_HOLIDAYS }],
  },
  // Ribble Vale Council Homelessness Team
  {
    key: 'council-homelessness-prevention',
    partner: 'Ribble Vale Council Homelessness Team',
    name: 'Homelessness prevention and relief',
    description:
      'If you are homeless or could be within 56 days (for example you have an eviction notice, family or friends have asked you to leave, or you are sleeping rough), the team assesses your situation, agrees a personalised housing plan and helps you keep your home or find a new one, with emergency accommodation when the law allows.',
    path: 'housing/homeless',
    email: 'homelessness',
    responseTargetHours: 24,
    minimumAge: 16,
    eligibility: 'Anyone homeless or threatened with homelessness in Ribble Vale.',
    applicationProcess: VIA_FRONT_DOOR,
    interpretation: INTERPRETING,
    needs: ['housing.homelessness'],
    areas: ['RV'],
    phone: { number: '01632 960081', description: 'Homelessness team' },
    contact: { title: 'Duty housing officer', department: 'Homelessness' },
    locations: ['civic-centre'],
    schedules: [{ byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', at: 'civic-centre' }],
  },
  {
    key: 'council-homelessness-out-of-hours',
    partner: 'Ribble Vale Council Homelessness Team',
    name: 'Out-of-hours emergency homelessness line',
    description:
      'For people who are homeless tonight, or have nowhere safe to stay, when the council offices are closed: weekday evenings and nights, weekends and bank holidays. Emergency accommodation for people who may be in priority need.',
    path: 'housing/homeless/out-of-hours',
    email: 'homelessness',
    responseTargetHours: 4,
    minimumAge: 16,
    eligibility: 'Anyone with nowhere safe to stay tonight in Ribble Vale.',
    applicationProcess: 'Call the out-of-hours line.',
    interpretation: INTERPRETING,
    needs: ['housing.homelessness'],
    areas: ['RV'],
    phone: { number: '01632 960082', description: 'Out-of-hours emergency line' },
    contact: { title: 'Out-of-hours duty officer', department: 'Homelessness' },
    schedules: [
      { byday: WEEKDAYS, opensAt: '17:00', closesAt: '23:59:59' },
      { byday: WEEKDAYS, opensAt: '00:00', closesAt: '09:00' },
      { byday: 'SA,SU', opensAt: '00:00', closesAt: '23:59:59' },
    ],
  },
  {
    key: 'council-rough-sleeper-outreach',
    partner: 'Ribble Vale Council Homelessness Team',
    name: 'Rough sleeper outreach',
    description:
      'Early-morning street outreach seven days a week to find and help people sleeping rough: an offer of accommodation the same day where possible, and links to GP, mental health and drug and alcohol services. Tell us about someone sleeping rough through One Front Door.',
    path: 'housing/rough-sleeping',
    email: 'outreach',
    responseTargetHours: 24,
    minimumAge: 18,
    eligibility: 'Adults sleeping rough, or at risk of it tonight, in Ribble Vale.',
    applicationProcess: "Report through One Front Door or the team's email; self-referral welcome.",
    needs: ['housing.homelessness', 'substance_misuse', 'health'],
    areas: ['RV'],
    phone: { number: '01632 960083', description: 'Outreach team' },
    contact: { title: 'Outreach worker', department: 'Rough sleeper outreach' },
    schedules: [
      { byday: EVERY_DAY, opensAt: '06:00', closesAt: '09:00', attending: 'On the street' },
    ],
  },
  // Ribble Vale Council Benefits Service
  {
    key: 'council-housing-benefit',
    partner: 'Ribble Vale Council Benefits Service',
    name: 'Housing Benefit and Council Tax Support',
    description:
      'Claims and changes for Housing Benefit (for pension-age and supported housing tenants) and Council Tax Support for anyone on a low income, help with council tax arrears and payment plans, and backdating.',
    path: 'benefits',
    email: 'benefits',
    responseTargetHours: 120,
    minimumAge: 16,
    eligibility: 'Ribble Vale council tax payers and tenants on a low income.',
    applicationProcess: 'Apply online, by phone, or with help at the Civic Centre.',
    interpretation: INTERPRETING,
    needs: ['money.benefits'],
    areas: ['RV'],
    phone: { number: '01632 960091', description: 'Benefits enquiries' },
    contact: { title: 'Benefits assessor', department: 'Benefits' },
    locations: ['civic-centre'],
    schedules: [{ byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', at: 'civic-centre' }],
  },
  {
    key: 'council-discretionary-housing-payments',
    partner: 'Ribble Vale Council Benefits Service',
    name: 'Discretionary Housing Payments',
    alternateName: 'DHP',
    description:
      'Extra help with rent when Housing Benefit or the housing element of Universal Credit does not cover it: the benefit cap, the removal of the spare room subsidy (bedroom tax), a rent shortfall while you move, or rent in advance and deposits to prevent homelessness.',
    path: 'benefits/dhp',
    email: 'dhp',
    responseTargetHours: 120,
    minimumAge: 16,
    eligibility:
      'Tenants in Ribble Vale receiving Housing Benefit or Universal Credit housing costs.',
    applicationProcess: 'Apply online or through One Front Door.',
    needs: ['money.benefits', 'housing.homelessness'],
    areas: ['RV'],
    phone: { number: '01632 960092', description: 'DHP team' },
    contact: { title: 'DHP officer', department: 'Benefits' },
    schedules: [{ byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', notes: BANK_HOLIDAYS }],
  },
  {
    key: 'council-household-support-fund',
    partner: 'Ribble Vale Council Benefits Service',
    receivedBy: 'Ribble Vale Citizens Advice',
    name: 'Household Support Fund crisis payments',
    description:
      'One-off help with food, energy and essential household costs for households in financial hardship: supermarket food vouchers, energy top-ups and fuel vouchers, and essential items such as a cooker, fridge or bedding. Run by the council; applications are assessed on its behalf by Citizens Advice, who also offer a full benefit check.',
    path: 'benefits/household-support-fund',
    email: 'hsf',
    responseTargetHours: 48,
    capacity: { available: 40, maximum: 250 },
    minimumAge: 16,
    eligibility:
      'Ribble Vale households on a low income in financial hardship; one award each funding round.',
    applicationProcess: 'Referral through One Front Door or a support worker.',
    needs: ['food', 'fuel', 'money'],
    areas: ['RV'],
    phone: { number: '01632 960093', description: 'Household Support Fund enquiries' },
    contact: { title: 'Household Support Fund assessor', department: 'Citizens Advice' },
    schedules: [{ byday: WEEKDAYS, opensAt: '09:30', closesAt: '16:30', notes: BANK_HOLIDAYS }],
  },
  // Lancashire Community Mental Health Team
  {
    key: 'cmht-adult',
    partner: 'Lancashire Community Mental Health Team',
    name: 'Community mental health team (adults)',
    description:
      'Assessment, treatment and care coordination for adults with severe or complex mental illness, from psychiatrists, community mental health nurses, psychologists and social workers. Referral through a GP or the crisis team; call the crisis line if someone is at risk now.',
    path: 'ribble-vale-cmht',
    email: 'ribblevale.cmht',
    acceptingReferrals: false,
    responseTargetHours: 120,
    minimumAge: 18,
    maximumAge: 64,
    eligibility:
      'Adults aged 18 to 64 with severe or complex mental health needs, registered with a Ribble Vale GP. Older adults: the older adults mental health team.',
    applicationProcess: 'GP or crisis team referral only.',
    interpretation: INTERPRETING,
    needs: ['wellbeing.mental_health'],
    areas: ['RV'],
    phone: { number: '01632 960101', description: 'CMHT reception (professionals)' },
    contact: { title: 'Duty worker', department: 'Community mental health team' },
    locations: ['mental-health-centre'],
    schedules: [
      { byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', at: 'mental-health-centre' },
    ],
  },
  {
    key: 'cmht-crisis-line',
    partner: 'Lancashire Community Mental Health Team',
    name: 'Mental health crisis line (24 hours)',
    description:
      'For anyone in mental health crisis, or worried about someone: speak to a mental health professional any time of day or night for advice, an urgent assessment, home treatment from the crisis resolution team, or a place at a crisis house. In an emergency call 999.',
    path: 'crisis',
    email: 'crisis.line',
    responseTargetHours: 4,
    eligibility: 'Anyone in Ribble Vale, of any age, and people worried about them.',
    applicationProcess: 'Call at any time; no referral needed.',
    interpretation: INTERPRETING,
    needs: ['wellbeing.mental_health'],
    areas: ['RV'],
    phone: { number: '0808 157 0247', description: '24-hour crisis line, free' },
    contact: {
      title: 'Crisis line practitioner',
      department: 'Crisis resolution and home treatment',
    },
    schedules: [
      { byday: EVERY_DAY, opensAt: '00:00', closesAt: '23:59:59', notes: 'Open 24 hours.' },
    ],
  },
  // Ribble Vale Mind
  {
    key: 'mind-counselling',
    partner: 'Ribble Vale Mind',
    name: 'Counselling and wellbeing support',
    description:
      'Short-term counselling (six to twelve sessions) and one-to-one wellbeing support for adults with anxiety, depression, stress, low mood or bereavement. Daytime and evening appointments. The waiting list is about eight weeks.',
    path: 'counselling',
    email: 'counselling',
    responseTargetHours: 120,
    capacity: { available: 0, maximum: 30 },
    minimumAge: 18,
    eligibility: 'Adults living in Ribble Vale, not currently under secondary mental health care.',
    applicationProcess: VIA_FRONT_DOOR,
    fees: 'Free; donations welcome.',
    accreditations: 'BACP accredited service',
    needs: ['wellbeing.mental_health'],
    areas: ['RV'],
    phone: { number: '01632 960111', description: 'Counselling bookings' },
    contact: { title: 'Counselling coordinator', department: 'Counselling' },
    locations: ['mind-wellbeing-centre'],
    schedules: [
      { byday: 'MO,TU,WE,TH', opensAt: '09:00', closesAt: '20:00', at: 'mind-wellbeing-centre' },
      { byday: 'FR', opensAt: '09:00', closesAt: '17:00', at: 'mind-wellbeing-centre' },
    ],
  },
  {
    key: 'mind-peer-support',
    partner: 'Ribble Vale Mind',
    name: 'Peer support groups',
    description:
      "Friendly groups led by people with lived experience of mental health problems: anxiety management, a men's talking group, walk and talk, and creative wellbeing. Meet people, share what helps and feel less alone.",
    path: 'groups',
    email: 'groups',
    responseTargetHours: 120,
    minimumAge: 18,
    eligibility: 'Adults in Penwortham and Leyland.',
    applicationProcess: 'Drop in, or ask to be introduced by a worker.',
    needs: ['wellbeing', 'wellbeing.loneliness'],
    areas: ['RV-PEN', 'RV-LEY'],
    phone: { number: '01632 960112', description: 'Groups' },
    contact: { title: 'Peer support coordinator', department: 'Groups' },
    locations: ['mind-wellbeing-centre'],
    schedules: [
      { byday: 'MO', opensAt: '18:30', closesAt: '20:30', at: 'mind-wellbeing-centre' },
      { byday: 'WE', opensAt: '13:00', closesAt: '15:00', at: 'mind-wellbeing-centre' },
      { byday: 'SA', opensAt: '10:00', closesAt: '12:00', at: 'mind-wellbeing-centre' },
    ],
  },
  {
    key: 'mind-safe-haven',
    partner: 'Ribble Vale Mind',
    name: 'Evening safe haven (crisis café)',
    description:
      'A calm, welcoming place in the evenings and at weekends for adults who are struggling and feel they are heading towards a crisis. No appointment needed: talk to trained staff, make a safety plan, and be connected to the crisis team if needed.',
    path: 'safe-haven',
    email: 'safehaven',
    responseTargetHours: 24,
    minimumAge: 18,
    eligibility: 'Adults in emotional distress; no referral needed.',
    applicationProcess: 'Drop in during opening times, or be referred.',
    needs: ['wellbeing.mental_health'],
    areas: ['RV'],
    phone: { number: '01632 960113', description: 'Safe haven (opening hours only)' },
    contact: { title: 'Safe haven lead', department: 'Crisis support' },
    locations: ['mind-wellbeing-centre'],
    schedules: [
      { byday: 'TH,FR,SA,SU', opensAt: '18:00', closesAt: '23:00', at: 'mind-wellbeing-centre' },
    ],
  },
  // Lancashire Fire and Rescue Home Fire Safety
  {
    key: 'fire-home-safety-check',
    partner: 'Lancashire Fire and Rescue Home Fire Safety',
    name: 'Home Fire Safety Check',
    description:
      'A free home visit to check fire risks and fit smoke alarms (including alarms for people who are deaf or hard of hearing), with advice on escape plans, heaters, electric blankets, smoking and cooking safety. Priority for people over 65, people living alone, smokers, and people with reduced mobility or using oxygen or emollient creams.',
    path: 'home-fire-safety-check',
    email: 'homesafety',
    responseTargetHours: 120,
    minimumAge: 18,
    eligibility: 'Householders in Ribble Vale; priority to those most at risk of fire.',
    applicationProcess: VIA_FRONT_DOOR,
    needs: ['safety.home_safety', 'older_people'],
    areas: ['RV'],
    phone: { number: '0808 157 0112', description: 'Home fire safety bookings, free' },
    contact: { title: 'Community fire safety advocate', department: 'Prevention' },
    schedules: [
      { byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', attending: 'At home' },
      { byday: 'SA', opensAt: '10:00', closesAt: '16:00', attending: 'At home' },
    ],
  },
  {
    key: 'fire-high-risk',
    partner: 'Lancashire Fire and Rescue Home Fire Safety',
    name: 'Hoarding and arson risk reduction',
    description:
      'Joint visits with housing and social care to homes at high risk of fire: hoarding, previous fires, or threats of arson (including as part of domestic abuse). Fire-retardant bedding and throws, letterbox guards, and a safety plan.',
    path: 'high-risk',
    email: 'highrisk',
    responseTargetHours: 48,
    minimumAge: 18,
    eligibility: 'Ribble Vale households at high risk of fire, referred by a professional.',
    applicationProcess: 'Professional referral, including One Front Door.',
    needs: ['safety.home_safety', 'safety.domestic_abuse', 'housing'],
    areas: ['RV'],
    phone: { number: '01632 960121', description: 'Prevention team (professionals)' },
    contact: { title: 'Prevention officer', department: 'Prevention' },
    schedules: [{ byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', attending: 'At home' }],
  },
  // Ribble Vale Digital Inclusion Partnership
  {
    key: 'digital-device-loans',
    partner: 'Ribble Vale Digital Inclusion Partnership',
    name: 'Device lending library',
    description:
      'Loan of a refurbished laptop or tablet for up to three months, set up ready to use, for people with no device who need to apply for jobs, manage Universal Credit or keep in touch with family. Devices can be gifted at the end of the loan for people on a low income.',
    path: 'devices',
    email: 'devices',
    responseTargetHours: 72,
    capacity: { available: 7, maximum: 60 },
    minimumAge: 16,
    eligibility: 'Ribble Vale residents on a low income with no suitable device.',
    applicationProcess: VIA_FRONT_DOOR,
    needs: ['digital.device', 'digital'],
    areas: ['RV'],
    phone: { number: '01632 960131', description: 'Digital hub' },
    contact: { title: 'Digital inclusion officer', department: 'Digital hub' },
    locations: ['digital-hub'],
    schedules: [{ byday: 'TU,WE,TH', opensAt: '10:00', closesAt: '16:00', at: 'digital-hub' }],
  },
  {
    key: 'digital-data-sims',
    partner: 'Ribble Vale Digital Inclusion Partnership',
    name: 'Free mobile data SIM cards',
    description:
      'Free SIM cards with mobile data, calls and texts for six months for people who cannot afford enough data or broadband at home. Collected from the digital hub or Bamber Bridge Community Hub.',
    path: 'data',
    email: 'data',
    responseTargetHours: 48,
    capacity: { available: 25, maximum: 100 },
    minimumAge: 18,
    eligibility: 'Adults on a low income in Ribble Vale without enough internet access.',
    applicationProcess: VIA_FRONT_DOOR,
    needs: ['digital.connection'],
    areas: ['RV'],
    phone: { number: '01632 960132', description: 'Digital hub' },
    contact: { title: 'Digital inclusion officer', department: 'Digital hub' },
    locations: ['digital-hub', 'bamber-bridge-hub'],
    schedules: [
      { byday: 'TU,WE,TH', opensAt: '10:00', closesAt: '16:00', at: 'digital-hub' },
      { byday: 'MO', opensAt: '10:00', closesAt: '12:00', at: 'bamber-bridge-hub' },
    ],
  },
  {
    key: 'digital-champions',
    partner: 'Ribble Vale Digital Inclusion Partnership',
    name: 'Digital skills help from digital champions',
    description:
      'Free one-to-one help from volunteer digital champions: using a smartphone or tablet, email and video calls, online shopping and banking safely, the NHS App, the Universal Credit journal, and spotting scams. Sessions in Leyland, Longton and Penwortham.',
    path: 'digital-champions',
    email: 'champions',
    responseTargetHours: 120,
    minimumAge: 16,
    eligibility: 'Anyone in Ribble Vale who wants help getting online.',
    applicationProcess: 'Drop in, or be referred for a home visit if housebound.',
    needs: ['digital.skills', 'older_people'],
    areas: ['RV'],
    phone: { number: '01632 960133', description: 'Digital champions' },
    contact: { title: 'Volunteer coordinator', department: 'Digital champions' },
    locations: ['digital-hub', 'longton-village-hall', 'age-uk-penwortham'],
    schedules: [
      { byday: 'MO,WE', opensAt: '10:00', closesAt: '13:00', at: 'digital-hub' },
      { byday: 'TH', opensAt: '14:00', closesAt: '16:00', at: 'longton-village-hall' },
      { byday: 'FR', opensAt: '10:00', closesAt: '12:00', at: 'age-uk-penwortham' },
    ],
  },
  // Good Neighbours Befriending Service
  {
    key: 'befriending-telephone',
    partner: 'Good Neighbours Befriending Service',
    name: 'Telephone befriending',
    description:
      'A regular friendly phone call from a trained volunteer for people who feel lonely or isolated: a weekly chat at a time that suits you, with a volunteer matched to your interests.',
    path: 'telephone-befriending',
    email: 'befriending',
    responseTargetHours: 120,
    capacity: { available: 10, maximum: 80 },
    minimumAge: 18,
    eligibility: 'Adults in Ribble Vale who feel lonely or isolated.',
    applicationProcess: VIA_FRONT_DOOR,
    needs: ['wellbeing.loneliness', 'older_people'],
    areas: ['RV'],
    phone: { number: '01632 960141', description: 'Befriending office' },
    contact: { title: 'Befriending coordinator', department: 'Befriending' },
    schedules: [{ byday: WEEKDAYS, opensAt: '10:00', closesAt: '16:00', notes: BANK_HOLIDAYS }],
  },
  {
    key: 'befriending-visits',
    partner: 'Good Neighbours Befriending Service',
    name: 'Face-to-face befriending',
    description:
      'A volunteer befriender visits every week for a cup of tea and a chat, or to go out together for a walk, to the shops or to a local group. The waiting list is closed until more volunteers are trained.',
    path: 'befriending-visits',
    email: 'befriending',
    acceptingReferrals: false,
    responseTargetHours: 120,
    capacity: { available: 0, maximum: 40 },
    minimumAge: 60,
    eligibility: 'People aged 60 and over living alone in Penwortham or the rural west.',
    applicationProcess: VIA_FRONT_DOOR,
    needs: ['wellbeing.loneliness', 'older_people'],
    areas: ['RV-PEN', 'RV-RUR'],
    phone: { number: '01632 960142', description: 'Befriending office' },
    contact: { title: 'Befriending coordinator', department: 'Befriending' },
    schedules: [{ byday: WEEKDAYS, opensAt: '10:00', closesAt: '16:00', attending: 'At home' }],
  },
  {
    key: 'befriending-lunch-clubs',
    partner: 'Good Neighbours Befriending Service',
    name: 'Village lunch clubs',
    description:
      'A hot two-course lunch and good company in Longton and Much Hoole village halls, with quizzes, music and visiting speakers. Volunteer drivers can bring people who cannot get there.',
    path: 'lunch-clubs',
    email: 'lunchclubs',
    responseTargetHours: 120,
    capacity: { available: 8, maximum: 50 },
    minimumAge: 55,
    eligibility:
      'People aged 55 and over in Longton, Hutton, Much Hoole and the surrounding villages.',
    applicationProcess: 'Just come along, or ask for transport.',
    fees: '£6 for lunch; transport free.',
    needs: ['wellbeing.loneliness', 'older_people', 'food'],
    areas: ['RV-RUR-L', 'RV-RUR-M'],
    phone: { number: '01632 960143', description: 'Lunch clubs' },
    contact: { title: 'Lunch club organiser', department: 'Community groups' },
    locations: ['longton-village-hall', 'much-hoole-village-hall'],
    schedules: [
      { byday: 'TU', opensAt: '12:00', closesAt: '14:00', at: 'longton-village-hall' },
      { byday: 'TH', opensAt: '12:00', closesAt: '14:00', at: 'much-hoole-village-hall' },
    ],
  },
  // Ribble Vale Employment and Skills Hub
  {
    key: 'employment-support',
    partner: 'Ribble Vale Employment and Skills Hub',
    name: 'Employment support and job search',
    description:
      'One-to-one support from an employment coach: CVs and applications, interview practice, confidence, finding training and apprenticeships, and help with travel costs and work clothes for a first job. Evening appointments for people in insecure work.',
    path: 'job-support',
    email: 'jobs',
    responseTargetHours: 72,
    capacity: { available: 15, maximum: 120 },
    minimumAge: 16,
    eligibility: 'Ribble Vale residents out of work or in insecure or low-paid work.',
    applicationProcess: VIA_FRONT_DOOR,
    needs: ['employment'],
    areas: ['RV'],
    phone: { number: '01632 960151', description: 'Employment hub' },
    contact: { title: 'Employment coach', department: 'Employment support' },
    locations: ['employment-hub'],
    schedules: [
      { byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', at: 'employment-hub' },
      { byday: 'TU', opensAt: '17:00', closesAt: '19:00', at: 'employment-hub' },
    ],
  },
  {
    key: 'employment-adult-skills',
    partner: 'Ribble Vale Employment and Skills Hub',
    name: 'Adult skills: English, maths, ESOL and computer courses',
    description:
      'Free courses for adults: English and maths up to GCSE level, English for speakers of other languages (ESOL), and essential digital skills. Daytime and evening classes.',
    path: 'adult-skills',
    email: 'courses',
    responseTargetHours: 120,
    minimumAge: 19,
    eligibility: 'Adults aged 19 and over; free for most learners.',
    applicationProcess: 'Enrol at the hub or be referred.',
    needs: ['employment', 'digital.skills'],
    areas: ['RV'],
    phone: { number: '01632 960152', description: 'Course enrolment' },
    contact: { title: 'Learner adviser', department: 'Adult skills' },
    locations: ['employment-hub'],
    schedules: [
      { byday: 'TU,TH', opensAt: '09:30', closesAt: '12:00', at: 'employment-hub' },
      { byday: 'MO,WE', opensAt: '18:00', closesAt: '20:00', at: 'employment-hub' },
    ],
  },
  {
    key: 'employment-work-and-health',
    partner: 'Ribble Vale Employment and Skills Hub',
    name: 'Work and health support',
    description:
      'For people with a health condition or disability who want to stay in work or get back to work: a keyworker, a health and wellbeing plan, quick access to talking therapies and physiotherapy, and help agreeing adjustments with an employer.',
    path: 'work-and-health',
    email: 'workandhealth',
    responseTargetHours: 72,
    capacity: { available: 11, maximum: 60 },
    minimumAge: 18,
    maximumAge: 66,
    eligibility:
      'Adults of working age in Ribble Vale with a health condition or disability affecting work.',
    applicationProcess: VIA_FRONT_DOOR,
    needs: ['employment', 'health', 'wellbeing.mental_health'],
    areas: ['RV'],
    phone: { number: '01632 960153', description: 'Work and health team' },
    contact: { title: 'Work and health keyworker', department: 'Work and health' },
    schedules: [{ byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', notes: BANK_HOLIDAYS }],
  },
  // Warm Homes Energy Advice
  {
    key: 'warm-homes-advice-line',
    partner: 'Warm Homes Energy Advice',
    name: 'Energy advice line',
    description:
      'Free, impartial energy advice: understanding bills and tariffs, prepayment meters and emergency credit, the Warm Home Discount, the Priority Services Register, energy debt and trust fund grants, and using heating controls to keep warm for less. Evening line on Wednesdays.',
    path: 'advice-line',
    email: 'advice',
    responseTargetHours: 48,
    minimumAge: 16,
    eligibility: 'Anyone in Ribble Vale worried about energy bills or keeping warm.',
    applicationProcess: VIA_FRONT_DOOR,
    interpretation: INTERPRETING,
    needs: ['fuel', 'money.debt'],
    areas: ['RV'],
    phone: { number: '0808 157 0404', description: 'Energy advice line, free' },
    contact: { title: 'Energy adviser', department: 'Advice line' },
    schedules: [
      { byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00' },
      { byday: 'WE', opensAt: '17:00', closesAt: '19:00' },
    ],
  },
  {
    key: 'warm-homes-visits',
    partner: 'Warm Homes Energy Advice',
    name: 'Home energy visits and insulation grants',
    description:
      'An energy adviser visits to look at draughts, damp and condensation, heating and insulation, fits free small measures (draught-proofing, radiator panels, LED bulbs), and applies for grants for insulation, heat pumps and boiler repairs or replacement.',
    path: 'home-visits',
    email: 'visits',
    responseTargetHours: 120,
    capacity: { available: 4, maximum: 30 },
    minimumAge: 18,
    eligibility:
      'Ribble Vale householders on a low income or with a health condition made worse by the cold.',
    applicationProcess: VIA_FRONT_DOOR,
    needs: ['fuel', 'housing.repairs'],
    areas: ['RV'],
    phone: { number: '01632 960161', description: 'Home visits' },
    contact: { title: 'Home energy adviser', department: 'Home visits' },
    locations: ['warm-homes-office'],
    schedules: [
      { byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', attending: 'At home' },
      { byday: 'WE', opensAt: '10:00', closesAt: '13:00', at: 'warm-homes-office' },
    ],
  },
  {
    key: 'warm-spaces',
    partner: 'Warm Homes Energy Advice',
    name: 'Warm spaces',
    alternateName: 'Warm welcome spaces',
    description:
      'Free, warm and welcoming places to spend time in winter: hot drinks and soup, Wi-Fi and phone charging, activities and company, and energy advisers visiting. No need to book, and nobody asks why you are there. Signposting only: tell people where and when.',
    path: 'warm-spaces',
    email: 'warmspaces',
    acceptingReferrals: false,
    responseTargetHours: null,
    eligibility: 'Everyone is welcome.',
    applicationProcess: 'Just turn up.',
    needs: ['fuel', 'wellbeing.loneliness'],
    areas: ['RV'],
    phone: { number: '01632 960162', description: 'Warm spaces information' },
    contact: { title: 'Warm spaces coordinator', department: 'Community' },
    locations: [
      'bamber-bridge-hub',
      'longton-village-hall',
      'warm-homes-office',
      'food-bank-penwortham',
    ],
    schedules: [
      {
        byday: 'MO,WE',
        opensAt: '10:00',
        closesAt: '15:00',
        at: 'bamber-bridge-hub',
        notes: 'November to March.',
      },
      {
        byday: 'TU',
        opensAt: '10:00',
        closesAt: '14:00',
        at: 'longton-village-hall',
        notes: 'November to March.',
      },
      {
        byday: 'TH,FR',
        opensAt: '10:00',
        closesAt: '16:00',
        at: 'warm-homes-office',
        notes: 'November to March.',
      },
      {
        byday: 'SA,SU',
        opensAt: '11:00',
        closesAt: '15:00',
        at: 'food-bank-penwortham',
        notes: 'November to March.',
      },
    ],
  },
  // Young People's Support Service
  {
    key: 'young-people-mentoring',
    partner: "Young People's Support Service",
    name: 'Youth support and mentoring',
    description:
      'Targeted youth work for young people facing difficulties at home or school, or at risk of exploitation or going missing: a youth worker, mentoring, group work and evening and weekend activities. Up to 25 for young people with special educational needs or disabilities, and care leavers.',
    path: 'youth-support',
    email: 'youthsupport',
    responseTargetHours: 72,
    capacity: { available: 6, maximum: 50 },
    minimumAge: 11,
    maximumAge: 19,
    eligibility:
      'Young people aged 11 to 19 (up to 25 with SEND or leaving care) living in Ribble Vale.',
    applicationProcess: VIA_FRONT_DOOR,
    needs: ['children_young_people', 'wellbeing'],
    areas: ['RV'],
    phone: { number: '01632 960171', description: 'Youth hub' },
    contact: { title: 'Duty youth worker', department: 'Youth support' },
    locations: ['youth-hub'],
    schedules: [
      { byday: WEEKDAYS, opensAt: '15:30', closesAt: '21:00', at: 'youth-hub' },
      { byday: 'SA', opensAt: '12:00', closesAt: '17:00', at: 'youth-hub' },
    ],
  },
  {
    key: 'young-people-wellbeing',
    partner: "Young People's Support Service",
    name: "Young people's emotional wellbeing drop-in and counselling",
    description:
      'A free, confidential drop-in for young people about anxiety, low mood, self-harm, stress, relationships and exam pressure, with counselling by appointment. Counselling places are full; the drop-in is open to all.',
    path: 'wellbeing',
    email: 'wellbeing',
    responseTargetHours: 72,
    capacity: { available: 0, maximum: 25 },
    minimumAge: 13,
    maximumAge: 25,
    eligibility: 'Young people aged 13 to 25 in Ribble Vale.',
    applicationProcess: 'Drop in, self-refer by text or phone, or be referred.',
    needs: ['children_young_people', 'wellbeing.mental_health'],
    areas: ['RV'],
    phone: { number: '07700 900171', description: 'Text or call' },
    contact: { title: 'Wellbeing practitioner', department: 'Emotional wellbeing' },
    locations: ['youth-hub'],
    schedules: [{ byday: 'TU,TH', opensAt: '16:00', closesAt: '19:00', at: 'youth-hub' }],
  },
  {
    key: 'young-people-homelessness',
    partner: "Young People's Support Service",
    name: 'Youth homelessness prevention',
    description:
      "Family mediation, supported lodgings and supported housing for young people who have been asked to leave home or are sofa surfing, working with the council homelessness team and children's social care.",
    path: 'housing',
    email: 'housing',
    responseTargetHours: 24,
    minimumAge: 16,
    maximumAge: 24,
    eligibility: 'Young people aged 16 to 24 homeless or at risk of homelessness in Ribble Vale.',
    applicationProcess: VIA_FRONT_DOOR,
    needs: ['housing.homelessness', 'children_young_people'],
    areas: ['RV'],
    phone: { number: '01632 960172', description: 'Youth housing team' },
    contact: { title: 'Youth housing worker', department: 'Youth housing' },
    schedules: [{ byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', notes: BANK_HOLIDAYS }],
  },
  // Ribble Vale Police Neighbourhood Team
  {
    key: 'police-neighbourhood',
    partner: 'Ribble Vale Police Neighbourhood Team',
    name: 'Neighbourhood policing team',
    description:
      'Local officers and PCSOs dealing with anti-social behaviour, local crime and community concerns, with regular drop-in surgeries. For non-emergencies call 101; in an emergency call 999.',
    path: 'ribble-vale',
    email: 'ribblevale.neighbourhood',
    responseTargetHours: 72,
    eligibility: 'Anyone living or working in Ribble Vale.',
    applicationProcess: 'Referral through One Front Door, or call 101.',
    needs: ['safety'],
    areas: ['RV'],
    phone: { number: '01632 960181', description: 'Neighbourhood team (not for emergencies)' },
    contact: { title: 'Neighbourhood sergeant', department: 'Neighbourhood policing' },
    locations: ['bamber-bridge-hub', 'civic-centre'],
    schedules: [
      { byday: 'WE', opensAt: '14:00', closesAt: '16:00', at: 'bamber-bridge-hub' },
      { byday: 'SA', opensAt: '10:00', closesAt: '12:00', at: 'civic-centre' },
    ],
  },
  {
    key: 'police-scams',
    partner: 'Ribble Vale Police Neighbourhood Team',
    name: 'Scam and doorstep crime protection',
    description:
      'Visits to people targeted by scams, fraud or rogue traders, with call blockers, "no cold calling" door stickers, and advice for the person and their family, working with Trading Standards.',
    path: 'scams',
    email: 'scams',
    responseTargetHours: 72,
    minimumAge: 18,
    eligibility: 'Ribble Vale residents who have been, or are at risk of being, targeted by scams.',
    applicationProcess: VIA_FRONT_DOOR,
    needs: ['safety', 'older_people'],
    areas: ['RV'],
    phone: { number: '01632 960182', description: 'Scams team' },
    contact: { title: 'Fraud protection officer', department: 'Neighbourhood policing' },
    schedules: [{ byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', attending: 'At home' }],
  },
  // Recovery Steps Substance Misuse Service
  {
    key: 'recovery-adults',
    partner: 'Recovery Steps Substance Misuse Service',
    name: 'Drug and alcohol recovery service',
    description:
      'Free, confidential support for adults who want to change their drinking or drug use: assessment, a keyworker, alcohol detox planning, opiate substitute prescribing, needle exchange and naloxone, recovery groups and SMART Recovery meetings, and a Saturday recovery café.',
    path: 'adults',
    email: 'recovery',
    responseTargetHours: 48,
    minimumAge: 18,
    eligibility: 'Adults in Ribble Vale worried about their drinking or drug use.',
    applicationProcess: 'Self-referral by phone or drop-in, or referral through One Front Door.',
    interpretation: INTERPRETING,
    needs: ['substance_misuse', 'health'],
    areas: ['RV'],
    phone: { number: '01632 960191', description: 'Recovery Steps' },
    contact: { title: 'Duty recovery worker', department: 'Adult service' },
    locations: ['recovery-steps-leyland'],
    schedules: [
      { byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', at: 'recovery-steps-leyland' },
      { byday: 'TH', opensAt: '17:00', closesAt: '20:00', at: 'recovery-steps-leyland' },
      { byday: 'SA', opensAt: '10:00', closesAt: '13:00', at: 'recovery-steps-leyland' },
    ],
  },
  {
    key: 'recovery-families',
    partner: 'Recovery Steps Substance Misuse Service',
    name: 'Support for families and carers of people who use drugs or alcohol',
    description:
      "One-to-one support and a family group for relatives and friends affected by someone else's drinking or drug use, whether or not that person is in treatment.",
    path: 'families',
    email: 'families',
    responseTargetHours: 120,
    minimumAge: 16,
    eligibility: 'Family members, partners and friends in Ribble Vale.',
    applicationProcess: VIA_FRONT_DOOR,
    needs: ['substance_misuse', 'carers', 'wellbeing'],
    areas: ['RV'],
    phone: { number: '01632 960192', description: 'Family support' },
    contact: { title: 'Family support worker', department: 'Family service' },
    locations: ['recovery-steps-leyland'],
    schedules: [{ byday: 'TU', opensAt: '18:00', closesAt: '20:00', at: 'recovery-steps-leyland' }],
  },
  {
    key: 'recovery-young-people',
    partner: 'Recovery Steps Substance Misuse Service',
    name: "Young people's drug and alcohol service",
    description:
      'Confidential advice and support for young people under 18 about drugs, alcohol and vaping, at the youth hub, in school or at home, and advice for parents.',
    path: 'young-people',
    email: 'youngpeople',
    responseTargetHours: 72,
    minimumAge: 10,
    maximumAge: 17,
    eligibility: 'Young people aged 10 to 17 in Ribble Vale.',
    applicationProcess: VIA_FRONT_DOOR,
    needs: ['substance_misuse', 'children_young_people'],
    areas: ['RV'],
    phone: { number: '01632 960193', description: "Young people's team" },
    contact: {
      title: "Young people's substance misuse worker",
      department: "Young people's service",
    },
    locations: ['youth-hub'],
    schedules: [{ byday: 'WE', opensAt: '16:00', closesAt: '19:00', at: 'youth-hub' }],
  },
  // Ribble Vale Social Prescribing Service
  {
    key: 'social-prescribing-link-workers',
    partner: 'Ribble Vale Social Prescribing Service',
    name: 'Social prescribing link workers',
    description:
      'Time to talk about what matters to you with a link worker, who connects you with community groups, activities and practical support: money and benefit advice, housing, loneliness, getting active, volunteering. Up to six sessions, in person, by phone or at home.',
    path: 'link-workers',
    email: 'linkworkers',
    responseTargetHours: 120,
    capacity: { available: 9, maximum: 90 },
    minimumAge: 18,
    eligibility: 'Adults registered with a Ribble Vale GP practice.',
    applicationProcess: 'Referral by a GP practice, One Front Door or self-referral.',
    needs: ['wellbeing', 'wellbeing.loneliness', 'health'],
    areas: ['RV'],
    phone: { number: '01632 960201', description: 'Link worker team' },
    contact: { title: 'Link worker', department: 'Social prescribing' },
    locations: ['bamber-bridge-hub'],
    schedules: [{ byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', at: 'bamber-bridge-hub' }],
  },
  {
    key: 'social-prescribing-active-lives',
    partner: 'Ribble Vale Social Prescribing Service',
    name: 'Active lives: health walks and gentle exercise',
    description:
      'Free led health walks, chair-based exercise and gentle strength and balance classes for people who want to get more active, improve their health or meet people.',
    path: 'active-lives',
    email: 'activelives',
    responseTargetHours: 120,
    minimumAge: 18,
    eligibility: 'Adults in Bamber Bridge, Leyland and Penwortham; no referral needed.',
    applicationProcess: 'Just turn up; a referral helps us welcome you.',
    needs: ['health', 'wellbeing.loneliness'],
    areas: ['RV-BAM', 'RV-LEY', 'RV-PEN'],
    phone: { number: '01632 960202', description: 'Active lives' },
    contact: { title: 'Activity coordinator', department: 'Active lives' },
    locations: ['bamber-bridge-hub', 'age-uk-penwortham'],
    schedules: [
      { byday: 'TU', opensAt: '10:00', closesAt: '11:30', at: 'bamber-bridge-hub' },
      { byday: 'FR', opensAt: '14:00', closesAt: '15:00', at: 'age-uk-penwortham' },
    ],
  },
  // Care and Repair Home Improvement Agency
  {
    key: 'care-and-repair-handyperson',
    partner: 'Care and Repair Home Improvement Agency',
    name: 'Handyperson service',
    description:
      'Small repairs and jobs that keep older and disabled people safe and independent at home: grab rails and stair rails, key safes, smoke and carbon monoxide alarms, small plumbing and electrical jobs, and removing trip hazards.',
    path: 'handyperson',
    email: 'handyperson',
    responseTargetHours: 120,
    minimumAge: 18,
    eligibility: 'Ribble Vale homeowners and private tenants aged 60 or over, or disabled adults.',
    applicationProcess: VIA_FRONT_DOOR,
    fees: 'Labour free for people on means-tested benefits; otherwise a low hourly rate. Materials at cost.',
    needs: ['housing.repairs', 'older_people', 'safety.home_safety'],
    areas: ['RV'],
    phone: { number: '01632 960211', description: 'Office' },
    contact: { title: 'Handyperson coordinator', department: 'Handyperson' },
    locations: ['care-and-repair-workshop'],
    schedules: [
      {
        byday: WEEKDAYS,
        opensAt: '08:30',
        closesAt: '16:30',
        at: 'care-and-repair-workshop',
        attending: 'At home',
      },
    ],
  },
  {
    key: 'care-and-repair-adaptations',
    partner: 'Care and Repair Home Improvement Agency',
    name: 'Disabled Facilities Grant adaptations',
    description:
      "Help to apply for and manage a Disabled Facilities Grant for adaptations such as a level-access shower, stairlift, ramp or door widening, from the occupational therapist's recommendation to the finished work.",
    path: 'adaptations',
    email: 'adaptations',
    responseTargetHours: 120,
    eligibility:
      'Disabled adults and children in Ribble Vale with an occupational therapy recommendation; the grant is means tested for adults.',
    applicationProcess: 'Occupational therapist referral, or through One Front Door.',
    needs: ['housing.repairs', 'health'],
    areas: ['RV'],
    phone: { number: '01632 960212', description: 'Adaptations team' },
    contact: { title: 'Technical officer', department: 'Adaptations' },
    schedules: [{ byday: WEEKDAYS, opensAt: '09:00', closesAt: '17:00', notes: BANK_HOLIDAYS }],
  },
  {
    key: 'care-and-repair-hospital-discharge',
    partner: 'Care and Repair Home Improvement Agency',
    name: 'Hospital discharge home safety service',
    description:
      'Fast practical help so people can go home from hospital safely: key safes, rails, moving a bed downstairs, heating checks, deep cleans and minor repairs, within 48 hours of a request, seven days a week.',
    path: 'hospital-discharge',
    email: 'discharge',
    responseTargetHours: 24,
    minimumAge: 18,
    eligibility: 'Adults being discharged from hospital to a home in Ribble Vale.',
    applicationProcess: 'Referral by the hospital discharge team or One Front Door.',
    needs: ['housing.repairs', 'health', 'older_people'],
    areas: ['RV'],
    phone: { number: '01632 960213', description: 'Hospital discharge line' },
    contact: { title: 'Discharge coordinator', department: 'Hospital discharge' },
    schedules: [{ byday: EVERY_DAY, opensAt: '08:00', closesAt: '18:00', attending: 'At home' }],
  },
];
