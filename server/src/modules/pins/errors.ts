import { AppError } from '../../platform/errors.ts';

export const pinNotFound = () => new AppError('PIN_NOT_FOUND');
export const notPinOwner = () =>
  new AppError('NOT_PERMITTED', 'Only the pin’s owner or the board’s owner may change it.');
export const noBoardToSaveTo = () =>
  new AppError('INVALID_PARAMETERS', 'board_id is required: you have no board to save to yet.');
export const sectionWithoutBoard = () =>
  new AppError('INVALID_PARAMETERS', 'board_section_id needs the board_id of the board it belongs to.');
