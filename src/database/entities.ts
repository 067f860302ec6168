import { AuditEntry } from '../audit/audit-entry.entity.js';
import { AuthSession, LoginFailure, RefreshToken } from '../auth/sessions/session.entity.js';
import { User } from '../auth/users/user.entity.js';
import { Case, CaseAssignment, CaseNote, OutcomeMeasure } from '../cases/case.entity.js';
import { IdempotencyKey } from '../common/idempotency/idempotency-key.entity.js';
import { Consent } from '../intake/consent/consent.entity.js';
import { IntakeContact } from '../intake/contacts/contact.entity.js';
import { Person, PersonEquality } from '../intake/people/person.entity.js';
import { DomainEvent } from '../live/event.entity.js';
import {
  ConsentOverrideApproval,
  Referral,
  ReferralHistoryEntry,
  ReferralMessage,
} from '../referral/referral.entity.js';
import { Signpost, Triage } from '../triage/triage.entity.js';
import { Area, AreaPostcodeSector } from '../service-directory/areas/area.entity.js';
import { Organisation } from '../service-directory/organisations/organisation.entity.js';
import { Address, Location } from '../service-directory/locations/location.entity.js';
import { Contact, Phone } from '../service-directory/services/contact.entity.js';
import { Schedule } from '../service-directory/services/schedule.entity.js';
import { ServiceAtLocation } from '../service-directory/services/service-at-location.entity.js';
import {
  Service,
  ServiceArea,
  ServiceNeed,
  ServiceTaxonomyTerm,
} from '../service-directory/services/service.entity.js';
import { NeedTerm } from '../service-directory/taxonomy/need-term.entity.js';
import { Taxonomy, TaxonomyTerm } from '../service-directory/taxonomy/taxonomy-term.entity.js';

/** Every entity of the application; the schema itself comes from migrations/ only. */
export const entities = [
  Organisation,
  User,
  AuthSession,
  RefreshToken,
  LoginFailure,
  AuditEntry,
  NeedTerm,
  Area,
  AreaPostcodeSector,
  Taxonomy,
  TaxonomyTerm,
  Service,
  ServiceNeed,
  ServiceTaxonomyTerm,
  ServiceArea,
  Location,
  Address,
  ServiceAtLocation,
  Contact,
  Phone,
  Schedule,
  Person,
  PersonEquality,
  Consent,
  Case,
  IntakeContact,
  CaseAssignment,
  CaseNote,
  OutcomeMeasure,
  Triage,
  Signpost,
  IdempotencyKey,
  DomainEvent,
  Referral,
  ReferralHistoryEntry,
  ReferralMessage,
  ConsentOverrideApproval,
];
