import type { EntityManager } from 'typeorm';
import type { CaseNeed, Priority } from '../../src/cases/case.entity.js';
import { addMonths } from '../../src/intake/consent/consent-rules.js';
import { loadIntakeSettings } from '../../src/intake/intake.config.js';
import { normaliseUkPhone } from '../../src/intake/people/phone.js';
import { APPEND_EVENT_SQL } from '../../src/live/live.queries.js';
import { takeSnapshot, type SnapshotSource } from '../../src/referral/referral-snapshot.js';
import {
  ACTION_EVENT,
  ACTION_SIDE,
  FINAL_REFERRAL_STATUSES,
  nextPosition,
  type DeclineReason,
  type ReferralOutcome,
  type ReferralPosition,
  type ReferralStatus,
} from '../../src/referral/referral-states.js';
import {
  isUrgent,
  loadReferralSettings,
  responseHours,
  type ReferralSettings,
} from '../../src/referral/referral.config.js';
import { referralEventData } from '../../src/referral/referral.mapping.js';
import { normalisePostcode } from '../../src/service-directory/areas/postcode.js';
import { configuredAreas } from '../../src/service-directory/reference-data.js';
import { loadCalendar, loadTriageRules } from '../../src/triage/triage-config.js';
import { decidePriority, isSafeguarding, type TriageRules } from '../../src/triage/triage-rules.js';
import { dueAt, type WorkingCalendar } from '../../src/triage/working-days.js';
import { audit } from './audit.js';
import { DEMO_USERS } from './borough.js';
import { demoId } from './directory.js';
import { DEMO_SERVICES, type DemoService } from './services.js';
import { DEMO_STORIES, type DemoReferral, type DemoStory } from './stories.js';

/**
 * Writes the demo stories (stories.ts) as the application's services write the same records:
 * ContactService (the person, their consent, the case and the contact), TriageService, then
 * ReferralSendService, ReferralReadService's first view by the partner, ReferralTransitionService
 * and the OverdueSweeper: the rows as they stand at the end, the referral's history row for each
 * step, the events in order, and the audit rows (the seed's own: no actor, correlation id
 * `seed:demo`). History rows name the demo user who took the step. Ids are name-based, so a story
 * whose person exists is kept as it is: a second run adds nothing.
 */

const HOUR_MS = 3_600_000;
/** From the start of a contact to its end, and to its triage. */
const CALL_MINUTES = 8;
const TRIAGE_MINUTES = 10;
/** The partner reads a referral this long before first acting on it. */
const VIEWED_BEFORE_HOURS = 0.25;
/** The sweeper flags a referral this long after it fell due. */
const SWEEP_DELAY_HOURS = 2 / 60;

const at = (from: Date, hours: number) => new Date(from.getTime() + hours * HOUR_MS);

function demoService(key: string): DemoService {
  const service = DEMO_SERVICES.find((candidate) => candidate.key === key);
  if (service === undefined) throw new Error(`Demo referral: no demo service "${key}"`);
  return service;
}

/** The areas covering a ward: itself, its service delivery area and the district. */
function areasCovering(ward: string): string[] {
  const { areas } = configuredAreas();
  const covering: string[] = [];
  for (let code: string | null = ward; code !== null;) {
    covering.push(code);
    code = areas.find((area) => area.code === code)?.parent ?? null;
  }
  return covering;
}

/** The position after each action, from `sent`; throws on an action the lifecycle refuses. */
function positions(referral: DemoReferral): ReferralPosition[] {
  let position: ReferralPosition = { status: 'sent', heldFrom: null };
  return referral.actions.map(({ action }) => {
    const next = nextPosition(position, action);
    if (next === null) {
      throw new Error(`Demo referral "${referral.key}": cannot ${action} from ${position.status}`);
    }
    position = next;
    return next;
  });
}

/** Whole years from a date of birth (YYYY-MM-DD) to today. */
function ageNow(dateOfBirth: string): number {
  const today = new Date().toISOString().slice(0, 10);
  const years = Number(today.slice(0, 4)) - Number(dateOfBirth.slice(0, 4));
  return today.slice(5) < dateOfBirth.slice(5) ? years - 1 : years;
}

/** Refuses demo stories that contradict themselves or the demo directory, before any writing. */
export function checkDemoStories(): void {
  const partnerUser = DEMO_USERS.find((user) => user.role === 'partner');
  const keys = new Set<string>();
  const referralKeys = new Set<string>();
  for (const story of DEMO_STORIES) {
    const problem = (text: string) => new Error(`Demo story "${story.key}": ${text}`);
    if (keys.has(story.key)) throw problem('appears twice');
    keys.add(story.key);
    if (normalisePostcode(story.person.postcode)?.postcode !== story.person.postcode) {
      throw problem(`"${story.person.postcode}" is not a postcode`);
    }
    if (normaliseUkPhone(story.person.phone) === undefined) throw problem('the phone number');
    const triagedAfter = TRIAGE_MINUTES / 60;
    const age = ageNow(story.person.dateOfBirth);
    const ends = new Map<string, { status: ReferralStatus; at: number }>();
    for (const referral of story.referrals) {
      const wrong = (text: string) => problem(`referral "${referral.key}": ${text}`);
      if (referralKeys.has(referral.key)) throw wrong('appears twice');
      referralKeys.add(referral.key);
      const service = demoService(referral.service);
      if (service.acceptingReferrals === false || (service.status ?? 'active') !== 'active') {
        throw wrong('the service does not take referrals');
      }
      if (!service.areas.some((area) => areasCovering(story.person.ward).includes(area))) {
        throw wrong("the service does not cover the person's ward");
      }
      if (
        (service.minimumAge !== undefined && age < service.minimumAge) ||
        (service.maximumAge !== undefined && age > service.maximumAge)
      ) {
        throw wrong("the person's age is outside the service's");
      }
      if (story.consent === 'none' && referral.consentOverride === undefined) {
        throw wrong('no consent and no override');
      }
      const moved = positions(referral);
      const receiver = service.receivedBy ?? service.partner;
      let last = 0;
      for (const action of referral.actions) {
        if (action.afterHours <= last) throw wrong('actions out of order');
        last = action.afterHours;
        if (ACTION_SIDE[action.action] === 'partner' && receiver !== partnerUser?.partner) {
          throw wrong("a partner's action on a referral the demo partner user does not receive");
        }
        if ((action.action === 'decline') !== (action.declineReason !== undefined)) {
          throw wrong('a decline, and only a decline, has a reason');
        }
        if ((action.action === 'complete') !== (action.outcome !== undefined)) {
          throw wrong('a completion, and only a completion, has an outcome');
        }
      }
      if (referral.overdue === true && referral.actions.length > 0) {
        throw wrong('an overdue referral is one nobody answered');
      }
      if (triagedAfter + referral.sentAfterHours + last >= story.contact.hoursAgo) {
        throw wrong('it ends after the seed runs');
      }
      if (referral.replaces !== undefined) {
        const replaced = ends.get(referral.replaces);
        if (replaced === undefined || replaced.status !== 'declined') {
          throw wrong('it re-routes something other than an earlier declined referral');
        }
        if (replaced.at >= referral.sentAfterHours) throw wrong('re-routed before the decline');
      }
      ends.set(referral.key, {
        status: moved.at(-1)?.status ?? 'sent',
        at: referral.sentAfterHours + last,
      });
    }
  }
}

interface DemoActors {
  handler: string;
  teamLead: string;
  partner: { id: string; organisationId: string };
}

/** The demo users who act in the stories (the seed has just made sure they exist). */
async function demoActors(manager: EntityManager): Promise<DemoActors> {
  const find = async (role: string) => {
    const user = DEMO_USERS.find((candidate) => candidate.role === role);
    const [row] = await manager.query<{ id: string; organisation_id: string }[]>(
      `SELECT id, organisation_id FROM users WHERE email = $1`,
      [user?.email],
    );
    if (row === undefined) throw new Error(`The demo ${role} user is missing`);
    return row;
  };
  const partner = await find('partner');
  return {
    handler: (await find('call_handler')).id,
    teamLead: (await find('team_lead')).id,
    partner: { id: partner.id, organisationId: partner.organisation_id },
  };
}

interface Settings {
  rules: TriageRules;
  calendar: WorkingCalendar;
  intake: ReturnType<typeof loadIntakeSettings>;
  referrals: ReferralSettings;
}

interface PersonRow {
  first_name: string;
  last_name: string;
  preferred_name: string | null;
  date_of_birth: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  postcode: string | null;
  language: string | null;
  communication_needs: string | null;
  flags: string[];
  area_code: string | null;
}

/** What the story's case holds once triaged, and the rule that gave its priority. */
interface TriagedCase {
  id: string;
  priority: Priority;
  rule: string;
  dueAt: Date;
  needs: CaseNeed[];
  risks: string[];
  safeguarding: boolean;
  triagedAt: Date;
}

export interface DemoStoriesResult {
  cases: number;
  referrals: number;
}

/**
 * Writes each demo story whose person is not there yet, in the caller's transaction, at times
 * relative to `now`. `triageRulesFile` is the rules the application triages with.
 */
export async function seedDemoStories(
  manager: EntityManager,
  triageRulesFile: string,
  now = new Date(),
): Promise<DemoStoriesResult> {
  checkDemoStories();
  const settings: Settings = {
    rules: loadTriageRules(triageRulesFile),
    calendar: loadCalendar().calendar,
    intake: loadIntakeSettings(),
    referrals: loadReferralSettings(),
  };
  const actors = await demoActors(manager);
  let cases = 0;
  let referrals = 0;
  for (const story of DEMO_STORIES) {
    if (await seedStory(manager, story, actors, settings, now)) {
      cases += 1;
      referrals += story.referrals.length;
    }
  }
  return { cases, referrals };
}

/** One story: the contact (person, consent, case), the triage and the referrals; false if kept. */
async function seedStory(
  manager: EntityManager,
  story: DemoStory,
  actors: DemoActors,
  settings: Settings,
  now: Date,
): Promise<boolean> {
  const startedAt = at(now, -story.contact.hoursAgo);
  const endedAt = at(startedAt, CALL_MINUTES / 60);
  const personId = demoId('person', story.key);
  const { person: given } = story;
  const postcode = normalisePostcode(given.postcode)!;
  const [person] = await manager.query<PersonRow[]>(
    `INSERT INTO people (id, first_name, last_name, preferred_name, date_of_birth, phone,
                         phone_normalised, email, address, postcode, area_code, language,
                         communication_needs, flags, created_by, created_at, updated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10,
             (SELECT area_code FROM area_postcode_sectors WHERE sector = $11),
             $12, $13, '{}', $14, $15, $15)
     ON CONFLICT (id) DO NOTHING
     RETURNING first_name, last_name, preferred_name, date_of_birth::text AS date_of_birth, phone,
               email, address, postcode, language, communication_needs, flags, area_code`,
    [
      personId,
      given.firstName,
      given.lastName,
      given.preferredName ?? null,
      given.dateOfBirth,
      given.phone,
      normaliseUkPhone(given.phone),
      given.email ?? null,
      given.address,
      postcode.postcode,
      postcode.sector,
      given.language ?? null,
      given.communicationNeeds ?? null,
      actors.handler,
      endedAt,
    ],
  );
  if (person === undefined) return false;
  if (person.area_code !== given.ward) {
    throw new Error(
      `Demo story "${story.key}": ${given.postcode} is in ${person.area_code ?? 'no area'}, not ${given.ward}`,
    );
  }
  await audit(manager, 'person.created', 'person', personId, { confirmedNewPerson: false });

  let consentId: string | null = null;
  if (story.consent === 'all_partners') {
    consentId = demoId('consent', story.key);
    const { wordingVersion, validForMonths } = settings.intake.consent;
    await manager.query(
      `INSERT INTO consents (id, person_id, given, scope, organisation_ids, method, wording_version,
                             recorded_by, recorded_at, expires_at, created_at)
       VALUES ($1, $2, true, 'all_partners', '{}', 'verbal', $3, $4, $5, $6, $7)`,
      [
        consentId,
        personId,
        wordingVersion,
        actors.handler,
        startedAt,
        addMonths(startedAt, validForMonths),
        endedAt,
      ],
    );
    await audit(manager, 'consent.recorded', 'consent', consentId, {
      personId,
      given: true,
      scope: 'all_partners',
      organisationIds: [],
      method: 'verbal',
      wordingVersion,
    });
  }

  const triaged = await seedCase(manager, story, personId, person.area_code, actors, settings, {
    startedAt,
    endedAt,
  });
  await manager.query(
    `INSERT INTO intake_contacts (id, person_id, case_id, channel, caller_name, caller_relationship,
                                  caller_organisation, reason, notes, handler_user_id, started_at,
                                  ended_at, created_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12)`,
    [
      demoId('contact', story.key),
      personId,
      triaged.id,
      story.contact.channel,
      story.contact.caller?.name ?? null,
      story.contact.caller?.relationship ?? null,
      story.contact.caller?.organisation ?? null,
      story.contact.reason,
      story.contact.notes ?? null,
      actors.handler,
      startedAt,
      endedAt,
    ],
  );
  await audit(manager, 'contact.recorded', 'contact', demoId('contact', story.key), {
    personId,
    caseId: triaged.id,
    channel: story.contact.channel,
    newPerson: true,
    newCase: true,
    consentId,
  });
  await seedTriage(manager, story, triaged, person.area_code, actors);

  const snapshotSource: SnapshotSource = {
    firstName: person.first_name,
    lastName: person.last_name,
    preferredName: person.preferred_name,
    dateOfBirth: person.date_of_birth,
    phone: person.phone,
    email: person.email,
    address: person.address,
    postcode: person.postcode,
    language: person.language,
    communicationNeeds: person.communication_needs,
    flags: person.flags,
    needs: triaged.needs,
    risks: triaged.risks,
  };
  for (const referral of story.referrals) {
    await seedReferral(manager, referral, {
      personId,
      areaCode: person.area_code,
      consentId,
      triaged,
      snapshotSource,
      actors,
      settings,
      now,
    });
  }
  return true;
}

/** The case as TriageService leaves it, opened as ContactService opens it (CaseService). */
async function seedCase(
  manager: EntityManager,
  story: DemoStory,
  personId: string,
  areaCode: string | null,
  actors: DemoActors,
  settings: Settings,
  times: { startedAt: Date; endedAt: Date },
): Promise<TriagedCase> {
  const id = demoId('case', story.key);
  const needs: CaseNeed[] = story.triage.needs.map(({ code, severity }) => ({ code, severity }));
  const facts = {
    needs,
    risks: story.triage.risks,
    safeguarding: story.triage.safeguarding ?? false,
  };
  const decision = decidePriority(settings.rules, facts);
  const safeguarding = isSafeguarding(settings.rules, facts);
  const triagedAt = at(times.startedAt, TRIAGE_MINUTES / 60);
  const due = dueAt(
    triagedAt,
    settings.rules.priorities[decision.priority].target,
    settings.calendar,
  );
  await manager.query(
    `INSERT INTO cases (id, person_id, status, priority, due_at, area_code, needs, need_codes, risks,
                        safeguarding, opened_by, opened_at, triaged_at, updated_at, version)
     VALUES ($1, $2, 'triaged', $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $12, 2)`,
    [
      id,
      personId,
      decision.priority,
      due,
      areaCode,
      JSON.stringify(needs),
      needs.map((need) => need.code),
      story.triage.risks,
      safeguarding,
      actors.handler,
      times.endedAt,
      triagedAt,
    ],
  );
  await audit(manager, 'case.opened', 'case', id, { personId });
  await appendEvent(manager, 'case.created', 'case', id, null, {
    caseId: id,
    status: 'new',
    areaCode,
  });
  return {
    id,
    priority: decision.priority,
    rule: decision.rule,
    dueAt: due,
    needs,
    risks: story.triage.risks,
    safeguarding,
    triagedAt,
  };
}

/** The triage's row, its events and audit row, as TriageService writes them. */
async function seedTriage(
  manager: EntityManager,
  story: DemoStory,
  triaged: TriagedCase,
  areaCode: string | null,
  actors: DemoActors,
): Promise<void> {
  const triageId = demoId('triage', story.key);
  const { rule, dueAt: due } = triaged;
  await manager.query(
    `INSERT INTO triages (id, case_id, needs, risks, safeguarding, notes, priority, due_at, rule,
                          triaged_by, triaged_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
    [
      triageId,
      triaged.id,
      JSON.stringify(triaged.needs),
      triaged.risks,
      triaged.safeguarding,
      story.triage.notes ?? null,
      triaged.priority,
      due,
      rule,
      actors.handler,
      triaged.triagedAt,
    ],
  );
  const data = {
    caseId: triaged.id,
    status: 'triaged',
    priority: triaged.priority,
    dueAt: due.toISOString(),
    areaCode,
    ownerId: null,
    safeguarding: triaged.safeguarding,
  };
  await appendEvent(manager, 'case.triaged', 'case', triaged.id, null, data);
  if (triaged.priority === 'P1') {
    await appendEvent(manager, 'safeguarding.alert', 'case', triaged.id, null, data);
  }
  await audit(manager, 'case.triaged', 'case', triaged.id, {
    triageId,
    priority: triaged.priority,
    rule,
    needs: triaged.needs.map((need) => need.code),
    risks: triaged.risks,
    safeguarding: triaged.safeguarding,
  });
}

/** EventLog.append's row. */
async function appendEvent(
  manager: EntityManager,
  type: string,
  entityType: string,
  entityId: string,
  organisationId: string | null,
  data: Record<string, unknown>,
): Promise<void> {
  await manager.query(APPEND_EVENT_SQL, [
    type,
    entityType,
    entityId,
    organisationId,
    JSON.stringify(data),
  ]);
}

interface ReferralContext {
  personId: string;
  areaCode: string | null;
  consentId: string | null;
  triaged: TriagedCase;
  snapshotSource: SnapshotSource;
  actors: DemoActors;
  settings: Settings;
  now: Date;
}

/** A referral's state as its events carry it (referralEventData), step by step. */
interface ReferralState {
  id: string;
  status: ReferralStatus;
  version: number;
  organisation_id: string;
  service_id: string;
  priority: Priority;
  urgent: boolean;
  safeguarding: boolean;
  area_code: string | null;
  due_at: Date;
  overdue_at: Date | null;
}

/**
 * The referral as sent by ReferralSendService and moved on by ReferralTransitionService (the
 * partner's first view by ReferralReadService, an overdue flag by the OverdueSweeper): the row as
 * it ends, then each step's history row, audit rows and event, in order.
 */
async function seedReferral(
  manager: EntityManager,
  referral: DemoReferral,
  context: ReferralContext,
): Promise<void> {
  const { actors, triaged, settings } = context;
  const id = demoId('referral', referral.key);
  const [service] = await manager.query<
    { id: string; receiving_organisation_id: string; response_target_hours: number | null }[]
  >(`SELECT id, receiving_organisation_id, response_target_hours FROM services WHERE id = $1`, [
    demoId('service', referral.service),
  ]);
  if (service === undefined) throw new Error(`Demo service "${referral.service}" is missing`);
  const organisationId = service.receiving_organisation_id;
  // A partner's steps are the demo partner user's when the referral is to that user's organisation.
  const partnerId = organisationId === actors.partner.organisationId ? actors.partner.id : null;
  const sender = referral.consentOverride === undefined ? actors.handler : actors.teamLead;
  const sentAt = at(triaged.triagedAt, referral.sentAfterHours);
  const hours = responseHours(service.response_target_hours, triaged.priority, settings.referrals);
  const state: ReferralState = {
    id,
    status: 'sent',
    version: 1,
    organisation_id: organisationId,
    service_id: service.id,
    priority: triaged.priority,
    urgent: isUrgent(triaged.priority, settings.referrals),
    safeguarding: triaged.safeguarding,
    area_code: context.areaCode,
    due_at: at(sentAt, hours),
    overdue_at: null,
  };

  // Where the steps leave it.
  const moved = positions(referral);
  const end = moved.at(-1) ?? { status: 'sent' as const, heldFrom: null };
  const timeOf = (afterHours: number) => at(sentAt, afterHours);
  const answer = referral.actions.find(
    (step) => step.action === 'accept' || step.action === 'decline',
  );
  const closing = referral.actions.find((_step, index) =>
    FINAL_REFERRAL_STATUSES.includes(moved[index].status),
  );
  const firstPartnerStep = referral.actions.find((step) => ACTION_SIDE[step.action] === 'partner');
  const viewedAt =
    firstPartnerStep === undefined
      ? null
      : timeOf(firstPartnerStep.afterHours - VIEWED_BEFORE_HOURS);
  const overdueAt = referral.overdue === true ? at(state.due_at, SWEEP_DELAY_HOURS) : null;
  if (overdueAt !== null && overdueAt.getTime() >= context.now.getTime()) {
    throw new Error(`Demo referral "${referral.key}" is not due yet, so cannot be overdue`);
  }
  const lastStep = referral.actions.at(-1);
  const updatedAt = lastStep === undefined ? sentAt : timeOf(lastStep.afterHours);
  const declineReason: DeclineReason | null =
    referral.actions.find((step) => step.declineReason !== undefined)?.declineReason ?? null;
  const outcome: ReferralOutcome | null =
    referral.actions.find((step) => step.outcome !== undefined)?.outcome ?? null;

  await manager.query(
    `INSERT INTO referrals (id, case_id, person_id, service_id, organisation_id, status, held_from,
                           reason, shared_fields, snapshot, priority, urgent, safeguarding,
                           area_code, consent_id, consent_override_reason, consent_override_by,
                           replaces_referral_id, sent_by, sent_at, due_at, overdue_at, viewed_at,
                           viewed_by, answered_at, decline_reason, outcome, closed_at, updated_at,
                           version)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19,
             $20, $21, $22, $23, $24, $25, $26, $27, $28, $29, $30)`,
    [
      id,
      triaged.id,
      context.personId,
      service.id,
      organisationId,
      end.status,
      end.heldFrom,
      referral.reason,
      referral.shared,
      JSON.stringify(takeSnapshot(context.snapshotSource, referral.shared)),
      triaged.priority,
      state.urgent,
      triaged.safeguarding,
      context.areaCode,
      context.consentId,
      referral.consentOverride ?? null,
      referral.consentOverride === undefined ? null : actors.teamLead,
      referral.replaces === undefined ? null : demoId('referral', referral.replaces),
      sender,
      sentAt,
      state.due_at,
      overdueAt,
      viewedAt,
      viewedAt === null ? null : partnerId,
      answer === undefined ? null : timeOf(answer.afterHours),
      declineReason,
      outcome,
      closing === undefined ? null : timeOf(closing.afterHours),
      updatedAt,
      1 + referral.actions.length,
    ],
  );

  let step = 0;
  const history = (
    action: string,
    from: ReferralStatus | null,
    to: ReferralStatus,
    code: string | null,
    notes: string | null,
    actor: string | null,
    when: Date,
  ) =>
    manager.query(
      `INSERT INTO referral_history (id, referral_id, action, from_status, to_status, code, notes,
                                     actor_user_id, at)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        demoId('referral-history', `${referral.key}/${step++}`),
        id,
        action,
        from,
        to,
        code,
        notes,
        actor,
        when,
      ],
    );

  await history('send', null, 'sent', null, null, sender, sentAt);
  await audit(manager, 'referral.sent', 'referral', id, {
    caseId: triaged.id,
    serviceId: service.id,
    organisationId,
    consentId: context.consentId,
    consentOverride: referral.consentOverride !== undefined,
    outOfArea: false,
    replacesReferralId:
      referral.replaces === undefined ? null : demoId('referral', referral.replaces),
  });
  await audit(manager, 'person.shared', 'person', context.personId, {
    referralId: id,
    organisationId,
    fields: referral.shared,
  });
  if (referral.consentOverride !== undefined) {
    await audit(manager, 'referral.consent_overridden', 'referral', id, {
      consentState: context.consentId === null ? 'none' : 'given',
      overriddenBy: actors.teamLead,
      approvalId: null,
    });
  }
  await appendEvent(
    manager,
    'referral.sent',
    'referral',
    id,
    organisationId,
    referralEventData(state),
  );

  if (overdueAt !== null) {
    state.overdue_at = overdueAt;
    await history('overdue', 'sent', 'sent', null, null, null, overdueAt);
    await audit(manager, 'referral.overdue', 'referral', id, {});
    await appendEvent(
      manager,
      'referral.overdue',
      'referral',
      id,
      organisationId,
      referralEventData(state),
    );
  }

  for (const [index, action] of referral.actions.entries()) {
    if (action === firstPartnerStep && viewedAt !== null) {
      await appendEvent(
        manager,
        'referral.viewed',
        'referral',
        id,
        organisationId,
        referralEventData(state),
      );
      await audit(manager, 'referral.viewed', 'referral', id, {});
      await audit(manager, 'person.viewed', 'person', context.personId, {
        via: 'referral',
        referralId: id,
        fields: referral.shared,
      });
    }
    const from = state.status;
    const to = moved[index].status;
    const code = action.declineReason ?? action.outcome ?? null;
    const actor = ACTION_SIDE[action.action] === 'partner' ? partnerId : actors.handler;
    state.status = to;
    state.version += 1;
    await history(
      action.action,
      from,
      to,
      code,
      action.notes ?? null,
      actor,
      timeOf(action.afterHours),
    );
    await audit(manager, ACTION_EVENT[action.action], 'referral', id, {
      from,
      to,
      code,
      version: state.version,
    });
    await appendEvent(
      manager,
      ACTION_EVENT[action.action],
      'referral',
      id,
      organisationId,
      referralEventData(state),
    );
    // The answer to the action shows what was shared: audited as a view of the person.
    await audit(manager, 'person.viewed', 'person', context.personId, {
      via: 'referral',
      referralId: id,
      fields: referral.shared,
    });
  }
}
