import { AppError } from '../../platform/errors.ts';

export const clientAuthFailed = () => new AppError('AUTHENTICATION_FAILED', 'Client authentication failed.');
export const appNotFound = () => new AppError('RESOURCE_NOT_FOUND', 'App not found.');
export const invalidGrant = (why: string) => new AppError('INVALID_PARAMETERS', `Invalid grant: ${why}`);
export const invalidScope = () =>
  new AppError('INVALID_PARAMETERS', 'Invalid scope: give a comma-separated list of Pinterest scopes.');
export const ownerlessApp = () =>
  new AppError('NOT_PERMITTED', 'Client credentials need an app that belongs to a user.');

/** A problem with the authorize request itself, shown on the page rather than redirected. */
export class AuthorizeRequestError extends Error {}
