import { AppError } from '../../platform/errors.ts';

export const badCredentials = () => new AppError('AUTHENTICATION_FAILED', 'Incorrect username or password.');
