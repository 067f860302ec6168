import { AppError } from '../../common/errors/app-error.js';
import type { MatchField, MatchStrength } from './person-matching.js';

export interface DuplicateCandidate {
  id: string;
  score: number;
  matched: MatchField[];
  strength: MatchStrength;
}

/** No personal data in any of these: ids, codes and field names only. */
export const PersonErrors = {
  notFound: () => new AppError('not_found', 'PERSON_NOT_FOUND', 'There is no such person.'),
  versionConflict: () =>
    new AppError(
      'conflict',
      'PERSON_VERSION_CONFLICT',
      "The person's record was changed by someone else; reload it and try again.",
    ),
  possibleDuplicate: (candidates: DuplicateCandidate[]) =>
    new AppError(
      'conflict',
      'PERSON_POSSIBLE_DUPLICATE',
      'This person strongly matches someone already recorded. Search for them and use their record, or, if this is someone else, send again with confirmedNewPerson: true.',
      { candidates },
    ),
  emptySearch: () =>
    new AppError(
      'bad_request',
      'VALIDATION_FAILED',
      'Give at least one of name, firstName, lastName, dateOfBirth, postcode or phone.',
      {
        fields: {
          name: ['give at least one of name, firstName, lastName, dateOfBirth, postcode or phone'],
        },
      },
    ),
  nameTwice: () =>
    new AppError(
      'bad_request',
      'VALIDATION_FAILED',
      'Give either a full name or firstName and lastName, not both.',
      { fields: { name: ['give either name, or firstName and lastName, not both'] } },
    ),
};
