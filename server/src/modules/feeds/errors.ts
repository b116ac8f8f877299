import { AppError } from '../../platform/errors.ts';

export const invalidBookmark = () => new AppError('INVALID_PARAMETERS', 'Invalid bookmark.');
export const unknownTopics = (keys: string[]) =>
  new AppError('INVALID_PARAMETERS', `Unknown topics: ${keys.join(', ')}. GET /v5/topics lists them.`);
