import { AppError } from '../../platform/errors.ts';

export const notAnAdmin = () =>
  new AppError('NOT_PERMITTED', 'Only the operators named in ADMIN_USERNAMES may read platform metrics.');
