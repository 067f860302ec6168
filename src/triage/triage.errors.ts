import { AppError } from '../common/errors/app-error.js';

export const TriageErrors = {
  /** Need or risk codes that are unknown or given twice; `fields` names each one. */
  invalidCodes: (fields: Record<string, string[]>) =>
    new AppError(
      'bad_request',
      'VALIDATION_FAILED',
      'Some needs or risks are not known, or are given twice.',
      { fields },
    ),
  serviceUnknown: () =>
    new AppError('bad_request', 'VALIDATION_FAILED', 'There is no such service.', {
      fields: { serviceId: ['no such service'] },
    }),
  serviceNotActive: () =>
    new AppError('bad_request', 'VALIDATION_FAILED', 'The service is not active.', {
      fields: { serviceId: ['the service is not active'] },
    }),
};
