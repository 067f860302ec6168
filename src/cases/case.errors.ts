import { AppError } from '../common/errors/app-error.js';

const fields = (name: string, messages: string[]) => ({ fields: { [name]: messages } });

export const CaseErrors = {
  notFound: () => new AppError('not_found', 'CASE_NOT_FOUND', 'There is no such case.'),
  closed: () =>
    new AppError('conflict', 'CASE_CLOSED', 'The case is closed; open a new case for new contact.'),
  versionConflict: () =>
    new AppError(
      'conflict',
      'CASE_VERSION_CONFLICT',
      'The case was changed by someone else; reload it and try again.',
    ),
  openReferrals: (referralIds: string[]) =>
    new AppError(
      'conflict',
      'CASE_HAS_OPEN_REFERRALS',
      'The case has open referrals; withdraw them or wait for the partners, or a team lead can close it giving openReferralsReason.',
      { referralIds },
    ),
  openReferralsTeamLeadOnly: () =>
    new AppError(
      'forbidden',
      'CASE_CLOSE_OPEN_REFERRALS_TEAM_LEAD_ONLY',
      'Only a team lead may close a case that has open referrals.',
    ),
  unknownNeeds: (codes: string[]) =>
    new AppError(
      'bad_request',
      'NEED_UNKNOWN',
      `Unknown need code${codes.length > 1 ? 's' : ''}: ${codes.join(', ')}.`,
      fields(
        'need',
        codes.map((code) => `"${code}" is not a need code`),
      ),
    ),
  unknownArea: (code: string) =>
    new AppError(
      'bad_request',
      'AREA_UNKNOWN',
      `Unknown area code: ${code}.`,
      fields('area', [`"${code}" is not an area code`]),
    ),
};

export const CaseloadErrors = {
  notAssignable: (fieldName: string) =>
    new AppError(
      'bad_request',
      'VALIDATION_FAILED',
      'Cases can only be given to an active caseworker or team lead.',
      fields(fieldName, ['must be an active caseworker or team lead']),
    ),
  noSuchFromUser: () =>
    new AppError(
      'bad_request',
      'VALIDATION_FAILED',
      'There is no such user to move cases from.',
      fields('fromUserId', ['no such user']),
    ),
  sameUser: () =>
    new AppError(
      'bad_request',
      'VALIDATION_FAILED',
      'Cases are moved from one worker to another.',
      fields('toUserId', ['must not be the same as fromUserId']),
    ),
  notOpenCasesOf: (ids: string[]) =>
    new AppError(
      'bad_request',
      'VALIDATION_FAILED',
      'Some of the cases are not open cases of the worker they are moved from.',
      fields(
        'caseIds',
        ids.map((id) => `${id} is not an open case of fromUserId`),
      ),
    ),
  limitReached: (details: { ownerId: string; openCases: number; limit: number; adding: number }) =>
    new AppError(
      'unprocessable',
      'CASELOAD_LIMIT_REACHED',
      'This would take the worker past their caseload limit; a team lead can override it with a reason.',
      details,
    ),
  overrideTeamLeadOnly: () =>
    new AppError(
      'forbidden',
      'CASELOAD_OVERRIDE_TEAM_LEAD_ONLY',
      'Only a team lead may assign past a caseload limit.',
    ),
  userNotFound: () => new AppError('not_found', 'USER_NOT_FOUND', 'There is no such user.'),
  noCaseload: () =>
    new AppError(
      'bad_request',
      'VALIDATION_FAILED',
      'Only caseworkers and team leads hold cases, so only they have a caseload limit.',
      fields('userId', ['must be a caseworker or team lead']),
    ),
};

export const MeasureErrors = {
  unknownMeasure: (code: string, known: string[]) =>
    new AppError(
      'bad_request',
      'VALIDATION_FAILED',
      `There is no outcome measure "${code}".`,
      fields('measure', [`must be one of ${known.join(', ')}`]),
    ),
  scoreOutOfRange: (message: string) =>
    new AppError(
      'bad_request',
      'VALIDATION_FAILED',
      'The score is outside the range of the measure.',
      fields('score', [message]),
    ),
  baselineExists: () =>
    new AppError(
      'conflict',
      'MEASURE_BASELINE_EXISTS',
      'This case already has a baseline for this measure; record a follow-up instead.',
    ),
};
