import { AppError } from '../common/errors/app-error.js';

export const AuthErrors = {
  missingToken: () =>
    new AppError(
      'unauthenticated',
      'AUTH_TOKEN_MISSING',
      'Sign in and send the access token as "Authorization: Bearer <token>".',
    ),
  invalidToken: () =>
    new AppError(
      'unauthenticated',
      'AUTH_TOKEN_INVALID',
      'The access token is not valid, has expired, or its session has ended. Sign in again.',
    ),
  invalidCredentials: () =>
    new AppError(
      'unauthenticated',
      'AUTH_INVALID_CREDENTIALS',
      'The email or password is not right.',
    ),
  invalidRefresh: () =>
    new AppError(
      'unauthenticated',
      'AUTH_REFRESH_INVALID',
      'The refresh token is not valid or its session has ended. Sign in again.',
    ),
  refreshReused: () =>
    new AppError(
      'unauthenticated',
      'AUTH_REFRESH_REUSED',
      'This refresh token was already used, so its session has been ended for safety. Sign in again.',
    ),
  tooManyAttempts: (retryAfterSeconds: number) =>
    new AppError(
      'too_many_requests',
      'AUTH_TOO_MANY_ATTEMPTS',
      'Too many failed sign-in attempts. Wait before trying again, or ask an administrator to reset the password.',
      { retryAfterSeconds },
      { 'retry-after': String(retryAfterSeconds) },
    ),
  roleNotAllowed: () =>
    new AppError('forbidden', 'AUTH_ROLE_NOT_ALLOWED', 'Your role may not do this.'),
  routeWithoutAccessRule: () =>
    new AppError('forbidden', 'AUTH_NO_ACCESS_RULE', 'This route is closed to everyone.'),
};
