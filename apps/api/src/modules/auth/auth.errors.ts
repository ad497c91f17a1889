import { DomainError } from '../../common/errors/domain-error';

export const invalidCredentials = () => new DomainError(401, 'invalid_credentials', 'Invalid e-mail or password');
export const invalidRefreshToken = () => new DomainError(401, 'invalid_refresh_token', 'The refresh token is invalid, expired or revoked');
export const refreshTokenReused = () =>
  new DomainError(401, 'refresh_token_reused', 'The refresh token was already used; every session of this sign-in is revoked');
export const tooManyAttempts = (retryAfterSeconds: number) =>
  new DomainError(429, 'too_many_requests', 'Too many failed sign-in attempts; try again later', undefined, { retryAfterSeconds });
export const wrongCurrentPassword = () =>
  new DomainError(422, 'wrong_current_password', 'The current password is wrong', [{ field: 'currentPassword', message: 'The current password is wrong' }]);
