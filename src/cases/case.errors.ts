import { AppError } from '../common/errors/app-error.js';

export const CaseErrors = {
  notFound: () => new AppError('not_found', 'CASE_NOT_FOUND', 'There is no such case.'),
  closed: () =>
    new AppError('conflict', 'CASE_CLOSED', 'The case is closed; open a new case for new contact.'),
};
