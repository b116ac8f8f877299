import { AppError } from '../../platform/errors.ts';

export const commentNotFound = () => new AppError('RESOURCE_NOT_FOUND', 'Comment not found.');
export const notCommentModerator = () =>
  new AppError('NOT_PERMITTED', 'Only the comment’s author or the pin’s owner may delete it.');
