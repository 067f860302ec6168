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

/** Shared by every demo login; listed in the README. Demo data only, never a real borough. */
export const DEMO_PASSWORD = 'ribble vale demo 2026';

export interface DemoUser {
  email: string;
  name: string;
  role: Role;
  /** The partner organisation of a partner user; everyone else works at the front door. */
  partner?: (typeof DEMO_PARTNERS)[number];
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
