import { randomUUID } from 'node:crypto';
import {
  bearer,
  makeOrganisation,
  signedIn,
  type TestApp,
  type Tokens,
  type TestUser,
} from './app.js';

export type Signed = TestUser & Tokens;

/** The people of a referral's loop: front-door staff, and a partner organisation with a service. */
export interface ReferralWorld {
  admin: Signed;
  handler: Signed;
  caseworker: Signed;
  lead: Signed;
  partnerOrg: { id: string; name: string };
  partner: Signed;
  /** A second user of the same partner organisation. */
  partnerColleague: Signed;
  /** Debt advice, covering the whole district (RV), accepting referrals, 48-hour target. */
  serviceId: string;
}

/** A service of `organisationId` through the API (areas RV unless given). */
export async function makeService(
  t: TestApp,
  admin: Signed,
  organisationId: string,
  body: Record<string, unknown> = {},
): Promise<string> {
  const response = await t
    .http()
    .post('/api/services')
    .set(bearer(admin.accessToken))
    .send({
      organisationId,
      areas: ['RV'],
      name: `Service ${randomUUID().slice(0, 8)}`,
      needs: ['money.debt'],
      ...body,
    });
  if (response.status !== 201) {
    throw new Error(`service not created: ${response.status} ${JSON.stringify(response.body)}`);
  }
  return (response.body as { id: string }).id;
}

export async function makeReferralWorld(t: TestApp): Promise<ReferralWorld> {
  const admin = await signedIn(t, 'admin');
  const partnerOrg = await makeOrganisation(t, 'partner');
  return {
    admin,
    handler: await signedIn(t, 'call_handler'),
    caseworker: await signedIn(t, 'caseworker'),
    lead: await signedIn(t, 'team_lead'),
    partnerOrg,
    partner: await signedIn(t, 'partner', { organisationId: partnerOrg.id }),
    partnerColleague: await signedIn(t, 'partner', { organisationId: partnerOrg.id }),
    serviceId: await makeService(t, admin, partnerOrg.id, {
      name: 'Debt advice',
      responseTargetHours: 48,
    }),
  };
}

/** What consent the person gives on the call: to all partners (default), named ones, or none. */
export type ConsentAnswer =
  | { kind: 'all' }
  | { kind: 'named'; organisationIds: string[] }
  | { kind: 'refused' }
  | { kind: 'none' };

/**
 * A call logged through POST /api/contacts: a new person in Leyland (postcode PR25, area
 * RV-LEY-C) with a phone number, their consent, and a new case. Answers the case's and person's ids.
 */
export async function makeCase(
  t: TestApp,
  handler: Signed,
  consent: ConsentAnswer = { kind: 'all' },
  person: Record<string, unknown> = {},
): Promise<{ caseId: string; personId: string; consentId: string | null }> {
  const consentBody =
    consent.kind === 'none'
      ? undefined
      : consent.kind === 'refused'
        ? { given: false, scope: 'all_partners', method: 'verbal' }
        : consent.kind === 'all'
          ? { given: true, scope: 'all_partners', method: 'verbal' }
          : {
              given: true,
              scope: 'named_organisations',
              organisationIds: consent.organisationIds,
              method: 'verbal',
            };
  const newPerson = {
    firstName: 'Rosa',
    lastName: `Tester${randomUUID().slice(0, 6)}`,
    dateOfBirth: '1961-04-02',
    phone: '01772 400123',
    postcode: 'PR25 1AA',
    confirmedNewPerson: true,
    ...person,
  };
  // A contact for a new person must record their answer; a person with no answer at all is
  // recorded first (POST /api/people) and the contact then names them.
  let personId: string | undefined;
  if (consentBody === undefined) {
    const created = await t
      .http()
      .post('/api/people')
      .set(bearer(handler.accessToken))
      .send(newPerson);
    if (created.status !== 201) {
      throw new Error(`person not created: ${created.status} ${JSON.stringify(created.body)}`);
    }
    personId = (created.body as { id: string }).id;
  }
  const response = await t
    .http()
    .post('/api/contacts')
    .set(bearer(handler.accessToken))
    .set('Idempotency-Key', randomUUID())
    .send({
      channel: 'phone',
      reason: 'Money worries',
      ...(personId === undefined ? { person: newPerson } : { personId }),
      ...(consentBody === undefined ? {} : { consent: consentBody }),
    });
  if (response.status !== 201) {
    throw new Error(`contact not logged: ${response.status} ${JSON.stringify(response.body)}`);
  }
  const body = response.body as {
    case: { id: string };
    person: { id: string };
    consent?: { id: string } | null;
  };
  return { caseId: body.case.id, personId: body.person.id, consentId: body.consent?.id ?? null };
}

export interface ReferralBody {
  id: string;
  status: string;
  version: number;
  allowedActions: string[];
  flags: Record<string, boolean>;
  snapshot: Record<string, unknown>;
  history: { action: string; from: string | null; to: string; code: string | null }[];
  caseId?: string;
  personId?: string;
  code?: string;
  details?: Record<string, unknown>;
  [field: string]: unknown;
}

export async function sendReferral(
  t: TestApp,
  token: string,
  caseId: string,
  body: Record<string, unknown>,
): Promise<{ status: number; body: ReferralBody }> {
  const response = await t
    .http()
    .post(`/api/cases/${caseId}/referrals`)
    .set(bearer(token))
    .send({
      reason: 'Rent arrears and a court letter',
      shared: ['name', 'phone', 'needs'],
      ...body,
    });
  return { status: response.status, body: response.body as ReferralBody };
}

/** A new case with consent to all partners, and a referral from it to the world's service. */
export async function makeReferral(
  t: TestApp,
  world: ReferralWorld,
  body: Record<string, unknown> = {},
): Promise<ReferralBody & { caseId: string }> {
  const { caseId } = await makeCase(t, world.handler);
  const sent = await sendReferral(t, world.handler.accessToken, caseId, {
    serviceId: world.serviceId,
    ...body,
  });
  if (sent.status !== 201) {
    throw new Error(`referral not sent: ${sent.status} ${JSON.stringify(sent.body)}`);
  }
  return { ...sent.body, caseId };
}

/** POST /api/referrals/:id/<action> with the body given (which carries the version). */
export async function act(
  t: TestApp,
  token: string,
  referralId: string,
  action: string,
  body: Record<string, unknown>,
): Promise<{ status: number; body: ReferralBody }> {
  const response = await t
    .http()
    .post(`/api/referrals/${referralId}/${action}`)
    .set(bearer(token))
    .send(body);
  return { status: response.status, body: response.body as ReferralBody };
}

/** The extra fields each action needs to be valid. */
export const ACTION_BODY: Record<string, Record<string, unknown>> = {
  accept: {},
  decline: { reason: 'no_capacity' },
  start: {},
  hold: { notes: 'Waiting for documents' },
  resume: {},
  complete: { outcome: 'need_met', notes: 'Debt relief order arranged' },
  withdraw: { notes: 'Person moved out of the borough' },
};

/** The actions, from `sent`, that reach each state (the partner's or the sender's, as the action is). */
export const PATH_TO: Record<string, string[]> = {
  sent: [],
  accepted: ['accept'],
  declined: ['decline'],
  in_progress: ['accept', 'start'],
  on_hold: ['accept', 'hold'],
  completed: ['accept', 'complete'],
  withdrawn: ['withdraw'],
};

/** Drives a sent referral along PATH_TO[state]; answers the referral as it then is. */
export async function moveTo(
  t: TestApp,
  world: ReferralWorld,
  referral: ReferralBody,
  state: string,
): Promise<ReferralBody> {
  let current = referral;
  for (const action of PATH_TO[state]) {
    const token = action === 'withdraw' ? world.handler.accessToken : world.partner.accessToken;
    const moved = await act(t, token, current.id, action, {
      version: current.version,
      ...ACTION_BODY[action],
    });
    if (moved.status !== 200) {
      throw new Error(`${action} failed: ${moved.status} ${JSON.stringify(moved.body)}`);
    }
    current = moved.body;
  }
  return current;
}
