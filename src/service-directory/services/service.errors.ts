import { AppError } from '../../common/errors/app-error.js';

const field = (name: string, message: string) => ({ fields: { [name]: [message] } });

export const ServiceErrors = {
  notFound: () => new AppError('not_found', 'SERVICE_NOT_FOUND', 'There is no such service.'),
  versionConflict: () =>
    new AppError(
      'conflict',
      'SERVICE_VERSION_CONFLICT',
      'The service was changed by someone else; reload and try again.',
    ),
  unknownNeeds: (codes: string[]) =>
    new AppError(
      'bad_request',
      'NEED_UNKNOWN',
      `Unknown need code${codes.length > 1 ? 's' : ''}: ${codes.join(', ')}.`,
      { fields: { need: codes.map((code) => `"${code}" is not a need code`) } },
    ),
  unknownAreas: (fieldName: string, codes: string[]) =>
    new AppError(
      'bad_request',
      'AREA_UNKNOWN',
      `Unknown area code${codes.length > 1 ? 's' : ''}: ${codes.join(', ')}.`,
      { fields: { [fieldName]: codes.map((code) => `"${code}" is not an area code`) } },
    ),
  postcodeAndArea: () =>
    new AppError(
      'bad_request',
      'VALIDATION_FAILED',
      'Give a postcode or an area, not both.',
      field('area', 'give a postcode or an area, not both'),
    ),
  noWords: () =>
    new AppError(
      'bad_request',
      'VALIDATION_FAILED',
      'The search text has no word of three letters or more.',
      field('q', 'must contain a word of three letters or more'),
    ),
  organisationNotFound: (fieldName: string) =>
    new AppError(
      'not_found',
      'ORGANISATION_NOT_FOUND',
      'There is no such organisation.',
      field(fieldName, 'no such organisation'),
    ),
  organisationRequired: () =>
    new AppError(
      'bad_request',
      'VALIDATION_FAILED',
      'Say which organisation provides the service.',
      field('organisationId', 'is required'),
    ),
  receiverNotPartner: () =>
    new AppError(
      'bad_request',
      'RECEIVING_ORGANISATION_NOT_PARTNER',
      'Referrals can only be received by an active partner organisation.',
      field('receivingOrganisationId', 'must be an active partner organisation'),
    ),
  receiverAdminOnly: () =>
    new AppError(
      'forbidden',
      'RECEIVING_ORGANISATION_ADMIN_ONLY',
      "Only an administrator can send a service's referrals to another organisation.",
    ),
  foreignLocations: (ids: string[]) =>
    new AppError(
      'bad_request',
      'LOCATION_UNKNOWN',
      'A service can only be delivered at locations of its own organisation.',
      { fields: { locationIds: ids.map((id) => `${id} is not a location of this organisation`) } },
    ),
  ages: () =>
    new AppError(
      'bad_request',
      'VALIDATION_FAILED',
      'The minimum age is above the maximum age.',
      field('eligibility.minAge', 'must not be above maxAge'),
    ),
  capacity: () =>
    new AppError(
      'bad_request',
      'VALIDATION_FAILED',
      'More places are available than the maximum.',
      field('capacity.available', 'must not be above maximum'),
    ),
  openingTime: (index: number) =>
    new AppError(
      'bad_request',
      'VALIDATION_FAILED',
      'An opening time closes before it opens.',
      field(`openingTimes.${index}.closes`, 'must be after opens'),
    ),
};
