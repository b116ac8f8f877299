import { AppError, invalid } from '../../platform/errors.ts';

export const boardNotFound = () => new AppError('BOARD_NOT_FOUND');
export const sectionNotFound = () => new AppError('SECTION_NOT_FOUND');
export const notPermitted = (message?: string) => new AppError('NOT_PERMITTED', message);
export const missingSecretScope = () => new AppError('MISSING_SCOPE');
export const boardNameTaken = () => new AppError('CONFLICT', 'You already have a board with this name.');
export const sectionNameTaken = () =>
  new AppError('CONFLICT', 'This board already has a section with this name.');
export const collaboratorExists = () =>
  new AppError('CONFLICT', 'That user is already a collaborator or has been invited.');
export const inviteNotFound = () => new AppError('RESOURCE_NOT_FOUND', 'No invitation to this board.');
export const collaboratorNotFound = () =>
  new AppError('RESOURCE_NOT_FOUND', 'No such collaborator on this board.');
export const userNotFound = () => new AppError('USER_NOT_FOUND');
export const emptyName = () => invalid('The name must not be blank.');
export const adsOnlyUnsupported = () => invalid('Ad-only boards are not supported.');
export const cannotFollowOwnBoard = () => invalid('You cannot follow your own board.');
export const cannotInviteSelf = () => invalid('You cannot invite yourself.');
