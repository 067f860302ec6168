import { AppError } from '../../common/errors/app-error.js';

export const OrganisationErrors = {
  notFound: () =>
    new AppError('not_found', 'ORGANISATION_NOT_FOUND', 'There is no such organisation.'),
  nameTaken: () =>
    new AppError(
      'conflict',
      'ORGANISATION_NAME_TAKEN',
      'An organisation with this name already exists.',
      { fields: { name: ['is already in use'] } },
    ),
  frontDoorExists: () =>
    new AppError(
      'conflict',
      'ORGANISATION_FRONT_DOOR_EXISTS',
      'There is already a front-door organisation; every other organisation is a partner.',
      { fields: { kind: ['front_door is taken'] } },
    ),
  versionConflict: () =>
    new AppError(
      'conflict',
      'ORGANISATION_VERSION_CONFLICT',
      'The organisation was changed by someone else; reload and try again.',
    ),
  ownOrganisation: () =>
    new AppError('conflict', 'ORGANISATION_OWN', 'You cannot deactivate your own organisation.'),
};
