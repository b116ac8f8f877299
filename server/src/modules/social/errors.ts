import { AppError, invalid } from '../../platform/errors.ts';

export const userNotFound = () => new AppError('USER_NOT_FOUND');
export const cannotFollowSelf = () => invalid('You cannot follow yourself.');
export const cannotBlockSelf = () => invalid('You cannot block yourself.');
export const cannotReportSelf = () => invalid('You cannot report yourself.');
export const pinNotFound = () => new AppError('PIN_NOT_FOUND');
