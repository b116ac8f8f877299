import { AppError } from '../../platform/errors.ts';

export const emptyQuery = (name: string) => new AppError('INVALID_PARAMETERS', `${name} must not be empty.`);
export const queryTooLong = (name: string, max: number) =>
  new AppError('INVALID_PARAMETERS', `${name} is longer than ${max} characters.`);
export const invalidBookmark = () => new AppError('INVALID_PARAMETERS', 'Invalid bookmark.');
/** Business Access (acting for an ad account's owner) is not part of Corkboard. */
export const adAccountUnsupported = () => new AppError('NOT_PERMITTED', 'ad_account_id is not supported.');
