import { AppError } from '../../common/errors/app-error.js';

export const ConsentErrors = {
  notFound: () => new AppError('not_found', 'CONSENT_NOT_FOUND', 'There is no such consent.'),
  alreadyWithdrawn: () =>
    new AppError('conflict', 'CONSENT_ALREADY_WITHDRAWN', 'This consent was already withdrawn.'),
  refusalNotWithdrawable: () =>
    new AppError(
      'conflict',
      'CONSENT_NOT_GIVEN',
      'This record is a refusal: there is no consent to withdraw.',
    ),
  unknownOrganisations: (fieldName: string, ids: string[]) =>
    new AppError(
      'bad_request',
      'VALIDATION_FAILED',
      'Consent can only name existing partner organisations.',
      { fields: { [fieldName]: ids.map((id) => `${id} is not a partner organisation`) } },
    ),
};
