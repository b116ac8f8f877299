import { AppError } from '../../platform/errors.ts';

export const usernameTaken = () => new AppError('CONFLICT', 'That username is already taken.');
export const emailTaken = () => new AppError('CONFLICT', 'An account with that email already exists.');
export const wrongPassword = () => new AppError('AUTHENTICATION_FAILED', 'The password is not correct.');
export const userNotFound = () => new AppError('USER_NOT_FOUND');
