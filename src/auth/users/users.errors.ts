import { AppError } from '../../common/errors/app-error.js';

export const UserErrors = {
  notFound: () => new AppError('not_found', 'USER_NOT_FOUND', 'There is no such user.'),
  emailTaken: () =>
    new AppError('conflict', 'USER_EMAIL_TAKEN', 'A user with this email already exists.', {
      fields: { email: ['is already in use'] },
    }),
  unknownOrganisation: () =>
    new AppError('bad_request', 'USER_ORGANISATION_UNKNOWN', 'The organisation does not exist.', {
      fields: { organisationId: ['does not name an organisation'] },
    }),
  roleDoesNotFitOrganisation: (role: string, kind: string) =>
    new AppError(
      'bad_request',
      'USER_ROLE_ORGANISATION_MISMATCH',
      `A ${role} user cannot belong to a ${kind} organisation: partner users belong to partner organisations, every other role to the front door.`,
      { fields: { role: ['does not fit the organisation'] } },
    ),
  versionConflict: () =>
    new AppError(
      'conflict',
      'USER_VERSION_CONFLICT',
      'The user was changed by someone else; reload and try again.',
    ),
  cannotChangeOwnAccess: () =>
    new AppError(
      'conflict',
      'USER_OWN_ACCESS',
      'You cannot disable yourself or change your own role; ask another administrator.',
    ),
};
