import { AppError } from '../../common/errors/app-error.js';

export const ContactErrors = {
  caseOfAnotherPerson: () =>
    new AppError(
      'unprocessable',
      'CASE_PERSON_MISMATCH',
      "The case is another person's: add the contact to one of this person's open cases, or leave caseId out to open a new case.",
      { fields: { caseId: ["must be an open case of the contact's person"] } },
    ),
};
