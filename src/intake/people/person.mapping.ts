import { consentState } from '../consent/consent-rules.js';
import type { ConsentSummary, PersonResponse } from './person.dto.js';
import type { LatestConsentColumns, PersonRow } from './person.repository.js';

const NO_CONSENT: LatestConsentColumns = {
  consent_id: null,
  consent_given: null,
  consent_scope: null,
  consent_organisation_ids: null,
  consent_recorded_at: null,
  consent_expires_at: null,
  consent_withdrawn_at: null,
};

/** The person's current consent, from their latest record. */
export function consentSummary(latest: LatestConsentColumns, at: Date): ConsentSummary {
  if (
    latest.consent_id === null ||
    latest.consent_given === null ||
    latest.consent_expires_at === null
  ) {
    return {
      state: 'none',
      consentId: null,
      scope: null,
      organisationIds: [],
      recordedAt: null,
      expiresAt: null,
    };
  }
  return {
    state: consentState(
      {
        given: latest.consent_given,
        expiresAt: latest.consent_expires_at,
        withdrawnAt: latest.consent_withdrawn_at,
      },
      at,
    ),
    consentId: latest.consent_id,
    scope: latest.consent_scope,
    organisationIds: latest.consent_organisation_ids ?? [],
    recordedAt: latest.consent_recorded_at?.toISOString() ?? null,
    expiresAt: latest.consent_expires_at.toISOString(),
  };
}

/** A person's record as the API shows it (never their equality answers). */
export function personResponse(
  row: PersonRow,
  latest: LatestConsentColumns = NO_CONSENT,
  at: Date = new Date(),
): PersonResponse {
  return {
    id: row.id,
    firstName: row.first_name,
    lastName: row.last_name,
    preferredName: row.preferred_name,
    dateOfBirth: row.date_of_birth,
    phone: row.phone,
    email: row.email,
    address: row.address,
    postcode: row.postcode,
    areaCode: row.area_code,
    language: row.language,
    communicationNeeds: row.communication_needs,
    flags: row.flags,
    consent: consentSummary(latest, at),
    version: row.version,
    createdAt: row.created_at.toISOString(),
    updatedAt: row.updated_at.toISOString(),
  };
}
