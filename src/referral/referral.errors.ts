import { AppError } from '../common/errors/app-error.js';
import type { ReferralAction, ReferralStatus } from './referral-states.js';

const fields = (name: string, messages: string[]) => ({ fields: { [name]: messages } });

export const ReferralErrors = {
  /** The same answer for a referral that does not exist and one this user may not see. */
  notFound: () => new AppError('not_found', 'REFERRAL_NOT_FOUND', 'There is no such referral.'),
  versionConflict: (current: { status: ReferralStatus; version: number }) =>
    new AppError(
      'conflict',
      'REFERRAL_VERSION_CONFLICT',
      'The referral was changed by someone else since you saw it; reload it and try again.',
      current,
    ),
  invalidTransition: (status: ReferralStatus, action: ReferralAction, allowed: ReferralAction[]) =>
    new AppError(
      'conflict',
      'REFERRAL_INVALID_TRANSITION',
      `A referral that is ${status.replace('_', ' ')} cannot be given "${action}".`,
      { status, action, allowed },
    ),
  serviceUnknown: () =>
    new AppError(
      'bad_request',
      'VALIDATION_FAILED',
      'There is no such service.',
      fields('serviceId', ['no such service']),
    ),
  serviceNotActive: () =>
    new AppError(
      'unprocessable',
      'SERVICE_NOT_ACTIVE',
      'The service is not running; choose another service.',
    ),
  serviceNotAccepting: () =>
    new AppError(
      'unprocessable',
      'SERVICE_NOT_ACCEPTING_REFERRALS',
      'The service is not accepting referrals at the moment; choose another service or signpost.',
    ),
  outsideArea: (areaCode: string) =>
    new AppError(
      'unprocessable',
      'REFERRAL_OUTSIDE_AREA',
      "The service does not cover the person's area; give an out-of-area reason to refer anyway.",
      { areaCode },
    ),
  duplicateOpen: (referralId: string) =>
    new AppError(
      'conflict',
      'REFERRAL_DUPLICATE',
      'This case already has an open referral to this service.',
      { referralId },
    ),
  consentMissing: (state: string) =>
    new AppError(
      'unprocessable',
      'REFERRAL_CONSENT_REQUIRED',
      "The person's consent does not cover this organisation; record consent, or a team lead can override with a reason.",
      { consentState: state },
    ),
  overrideTeamLeadOnly: () =>
    new AppError(
      'forbidden',
      'CONSENT_OVERRIDE_TEAM_LEAD_ONLY',
      'Only a team lead may share without consent; ask a team lead to approve an override for this service.',
    ),
  overrideReasonWithApproval: () =>
    new AppError(
      'bad_request',
      'VALIDATION_FAILED',
      'An approved override carries the team lead’s reason; send the approvalId alone.',
      fields('consentOverride.reason', ['must not be given with approvalId']),
    ),
  overrideApprovalInvalid: (why: string) =>
    new AppError(
      'unprocessable',
      'CONSENT_OVERRIDE_APPROVAL_INVALID',
      `The consent override approval cannot be used: ${why}.`,
      fields('consentOverride.approvalId', [why]),
    ),
  rerouteInvalid: (why: string) =>
    new AppError(
      'unprocessable',
      'REFERRAL_REROUTE_INVALID',
      `The referral cannot be re-routed: ${why}.`,
      fields('replacesReferralId', [why]),
    ),
  noteRequired: (field: string, why: string) =>
    new AppError('bad_request', 'VALIDATION_FAILED', why, fields(field, [why])),
};
