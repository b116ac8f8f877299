import { AppError } from '../../platform/errors.ts';

export const invalidGrant = (why: string) => new AppError('INVALID_PARAMETERS', `Invalid grant: ${why}`);
export const tokenNotFound = () => new AppError('RESOURCE_NOT_FOUND', 'Token not found.');
export const notYourToken = () => new AppError('NOT_PERMITTED', 'That token was not issued to this client.');
